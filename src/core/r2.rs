//! Windows Server 2003 → 2003 R2 (seed 002): the channel and SKU matrices, CD2, platform, language,
//! product keys with Setup's exact messages, and the choice between options 1, 2 and 3.

use super::builder::Builder;
use super::codes::Code;
use super::ids::{Arch, Channel, Edition};
use super::plan::Method;
use super::scenario::Resolved;
use super::source::Source;

const SRC: Source = Source::R2Upgrade;

/// The R2 media channels, in the order of the seed's table.
pub const CHANNELS: [Channel; 5] = [
    Channel::Retail,
    Channel::Msdn,
    Channel::Evaluation,
    Channel::Oem,
    Channel::Volume,
];

/// Installed channel (row) → channel of the R2 media (column). Only OEM R2 media refuses other channels.
const CHANNEL_MATRIX: [[bool; 5]; 5] = [
    [true, true, true, false, true],
    [true, true, true, false, true],
    [true, true, true, false, true],
    [true, true, true, true, true],
    [true, true, true, false, true],
];

/// The R2 SKUs, in the order of the seed's table.
pub const SKUS: [Edition; 3] = [Edition::Standard, Edition::Enterprise, Edition::Datacenter];

/// Installed SKU (row) → R2 SKU (column).
const SKU_MATRIX: [[bool; 3]; 3] = [
    [true, true, false],
    [false, true, false],
    [false, false, true],
];

pub const WEB_EDITION_NOTE: &str =
    "Windows Server 2003 Web Edition is not supported for SKU upgrades.";

/// Setup's message for a product key of the wrong channel (quoted from seed 002).
pub const MSG_INVALID_KEY: &str =
    "The product key you entered is not valid. Please type a valid product key.";
/// Setup's message for a product key of the wrong SKU (quoted from seed 002).
pub const MSG_EDITION_DIFFERENT: &str =
    "Setup cannot continue because the operating system edition is different from the setup edition.";

fn channel_index(c: Channel) -> usize {
    match c {
        Channel::Retail => 0,
        Channel::Msdn => 1,
        Channel::Evaluation => 2,
        Channel::Oem => 3,
        Channel::Volume => 4,
    }
}

fn sku_index(e: Edition) -> Option<usize> {
    SKUS.iter().position(|&s| s == e)
}

/// Whether a target asks for the channel and SKU of its media and key (only 2003 R2's rules use them).
pub fn uses_media_and_key(target: super::ids::Os) -> bool {
    target == super::ids::Os::Server2003R2
}

/// Can an installation of channel `from` be upgraded with R2 media of channel `to`?
pub fn channel_upgrade(from: Channel, to: Channel) -> bool {
    CHANNEL_MATRIX[channel_index(from)][channel_index(to)]
}

/// Can SKU `from` be upgraded to R2 SKU `to`? `None` when `from` has no row (Web Edition).
pub fn sku_upgrade(from: Edition, to: Edition) -> Option<bool> {
    Some(SKU_MATRIX[sku_index(from)?][sku_index(to)?])
}

/// What a cell of the channel matrix means, in words.
pub fn explain_channel_cell(from: Channel, to: Channel) -> String {
    if channel_upgrade(from, to) {
        let same = if from == to {
            " CD2 is not locked to a channel, so with an R2 key of the installed channel CD2 alone (option 1) is usually enough."
        } else {
            " Setup from CD1 of that channel followed by CD2 (option 2) does it, with an R2 key of the media's channel."
        };
        format!("Supported: {} installation of Windows Server 2003 SP1 can be upgraded with {} R2 media.{same}",
            super::text::with_article(from.label()),
            to.label()
        )
    } else {
        format!("Not supported as an upgrade: {} R2 media does not upgrade {} installation. With {} media and an {} R2 key, only option 3 (repair the installation from CD1) applies.",
            to.label(),
            super::text::with_article(from.label()),
            to.label(),
            to.label()
        )
    }
}

/// What a cell of the SKU matrix means, in words.
pub fn explain_sku_cell(from: Edition, to: Edition) -> String {
    match sku_upgrade(from, to) {
        Some(true) if from == to => format!(
            "Supported: Windows Server 2003 {} SP1 becomes Windows Server 2003 R2 {} with the {} CD2 (CD2 must be the same SKU as the installed system).",
            from.label(), to.label(), to.label()
        ),
        Some(true) => format!(
            "Supported: Windows Server 2003 {} can be upgraded to Windows Server 2003 R2 {}. CD2 only adds R2 to the same SKU, so run Setup from the {} CD1 first (option 2) with an {} R2 key.",
            from.label(), to.label(), to.label(), to.label()
        ),
        Some(false) => format!(
            "Not supported: Windows Server 2003 {} cannot be upgraded to Windows Server 2003 R2 {}. A product key of another SKU makes Setup stop with: \"{MSG_EDITION_DIFFERENT}\"",
            from.label(), to.label()
        ),
        None => WEB_EDITION_NOTE.to_string(),
    }
}

/// The R2 rules for a 2003 → 2003 R2 scenario. Returns the chosen method.
pub fn plan(s: &Resolved, b: &mut Builder) -> Method {
    let c = &s.current;
    let t = &s.target;
    b.info(
        Code::R2WhatYouNeed,
        SRC,
        format!(
            "You need Windows Server 2003 R2 CD2 and an R2 product key, and you need to know the installed SKU ({}), platform ({}), language ({}), installed channel ({}) and the channel of the key ({}).",
            c.edition.label(), c.architecture.id(), c.language, c.channel.label(), t.key_channel.label()
        ),
    );
    if hard_limits(s, b) {
        b.alternative(Method::CleanInstall, "Install Windows Server 2003 R2 cleanly from CD1 and CD2 of the matching SKU, platform and language, then restore data and settings.");
        return Method::CleanInstall;
    }
    if c.service_pack < 1 {
        b.prerequisite(Code::R2NeedsSp1, SRC, "Windows Server 2003 R2 is not offered as an update for an installation without Service Pack 1: install SP1 first.");
    }
    if t.media_channel != c.channel && t.key_channel == c.channel {
        b.info(Code::R2Cd2ChannelNeutral, SRC, format!("CD2 is not locked to a channel: the CD2 of {} media is the same as any other channel's, so it can update {} installation when the product key matches the installed channel.", t.media_channel.label(), super::text::with_article(c.channel.label())));
    }
    let media_from_key = s.given.target.media_channel.is_none() && t.key_channel != c.channel;
    let method = choose_option(s, b);
    if media_from_key && method != Method::CleanInstall {
        b.info(Code::R2MediaFromKey, SRC, format!(
            "The product key is {} key and a key works only with R2 media of its own channel, so this plan uses {} R2 media ({}). Get Windows Server 2003 R2 {} media for {} {} {}.",
            super::text::with_article(t.key_channel.label()),
            t.media_channel.label(),
            super::route::lower_first(method.label()),
            t.media_channel.label(),
            t.edition.label(), t.architecture.id(), t.language,
        ));
        if t.edition == c.edition && method != Method::R2Option1 {
            b.alternative(Method::R2Option1, format!(
                "With an R2 product key of the installed channel ({}) instead, CD2 alone would do (option 1).",
                c.channel.label()
            ));
        }
    }
    b.warning(
        Code::Backup,
        SRC,
        "Take the usual failure-recovery precautions: back up the server before you upgrade it.",
    );
    if c.domain_controller {
        b.warning(Code::R2DomainController, SRC, "This server is a domain controller: have one or more other domain controllers online, and remove Active Directory from this one before you upgrade it.");
    }
    b.info(Code::R2KeyPrompt, SRC, "Setup does not ask for a product key when SP1 was installed with an R2 key, or when the key was changed to an R2 key before CD2 was inserted. R2 keys are entered only once.");
    steps(s, method, b);
    method
}

/// SKU, platform and language must allow the upgrade at all; true when one does not.
fn hard_limits(s: &Resolved, b: &mut Builder) -> bool {
    let (c, t) = (&s.current, &s.target);
    match sku_upgrade(c.edition, t.edition) {
        None => b.blocker(Code::R2WebEdition, SRC, WEB_EDITION_NOTE),
        Some(false) => b.blocker(
            Code::R2SkuNotSupported,
            SRC,
            format!("The SKU matrix has no upgrade from Windows Server 2003 {} to Windows Server 2003 R2 {}.", c.edition.label(), t.edition.label()),
        ),
        Some(true) => {}
    }
    if c.architecture == Arch::Ia64 {
        b.blocker(Code::R2NoItanium, SRC, "There is no Itanium-based version of Windows Server 2003 R2, so an Itanium-based Windows Server 2003 cannot be upgraded to R2.");
    } else if c.architecture != t.architecture {
        b.blocker(
            Code::R2PlatformMismatch,
            SRC,
            format!("CD2 is platform-specific: an x86 CD2 only updates 32-bit Windows Server 2003 and an x64 CD2 only 64-bit (EM64T or AMD64) installations. The installed platform is {}, the R2 media is {}.", c.architecture.id(), t.architecture.id()),
        );
    }
    if c.language != t.language {
        b.blocker(
            Code::R2LanguageMismatch,
            SRC,
            format!("The installed language ({}) and the R2 language ({}) must be identical; a different language cannot be upgraded and needs a clean installation.", c.language, t.language),
        );
    }
    b.has_blocker()
}

/// Option 1, 2 or 3 (seed 002): which one the channel, the SKU and the key allow.
fn choose_option(s: &Resolved, b: &mut Builder) -> Method {
    let (c, t) = (&s.current, &s.target);
    let key_edition_ok = t.key_edition == t.edition;
    let option1 = t.edition == c.edition && key_edition_ok && t.key_channel == c.channel;
    let option2 = channel_upgrade(c.channel, t.media_channel)
        && t.key_channel == t.media_channel
        && key_edition_ok;
    let option3 = t.key_channel == t.media_channel && key_edition_ok && t.edition == c.edition;
    if option1 {
        b.info(Code::R2Option1, SRC, "Option 1 applies: the channel, the SKU and the product key all match the installed system. It is the recommended and simplest option.");
        Method::R2Option1
    } else if option2 {
        b.info(Code::R2Option2, SRC, format!(
            "Option 2 applies: {}, so CD2 alone (option 1) is not available; Setup from CD1 upgrades the system first.",
            mismatch_reason(s)
        ));
        Method::R2Option2
    } else if option3 {
        b.info(Code::R2Option3, SRC, format!("Option 3 applies: {} R2 media does not upgrade {} installation, and the key does not match the installed channel; repairing the installation from CD1 is the only way.",
            t.media_channel.label(), super::text::with_article(c.channel.label())
        ));
        b.alternative(Method::R2Option1, format!("With an R2 product key of the installed channel ({}), CD2 alone would do (option 1).", c.channel.label()));
        Method::R2Option3
    } else {
        key_problems(s, b);
        if t.edition == c.edition {
            Method::R2Option1
        } else {
            Method::R2Option2
        }
    }
}

fn mismatch_reason(s: &Resolved) -> String {
    let (c, t) = (&s.current, &s.target);
    let mut why = Vec::new();
    if t.edition != c.edition {
        why.push(format!(
            "the R2 SKU ({}) differs from the installed SKU ({})",
            t.edition.label(),
            c.edition.label()
        ));
    }
    if t.key_channel != c.channel {
        why.push(format!(
            "the product key is from the {} channel, not the installed {} channel",
            t.key_channel.label(),
            c.channel.label()
        ));
    }
    why.join(" and ")
}

/// The key does not fit any option: say which message Setup shows and what key is needed.
fn key_problems(s: &Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    if t.key_edition != t.edition {
        b.setup_message(MSG_EDITION_DIFFERENT);
        b.prerequisite(Code::R2KeyWrongSku, SRC, format!("Product keys are unique per SKU: {} key does not work with {} media, and Setup stops. Get an R2 product key for {}.",
            super::text::with_article(t.key_edition.label()), t.edition.label(), t.edition.label()
        ));
    }
    if t.key_channel != t.media_channel && t.key_channel != c.channel {
        b.setup_message(MSG_INVALID_KEY);
        b.prerequisite(Code::R2KeyWrongChannel, SRC, format!("Product keys are unique per channel and cannot be interchanged: {} key is refused with {} media. Get an R2 product key of the {} channel.",
            super::text::with_article(t.key_channel.label()), t.media_channel.label(), c.channel.label()
        ));
    } else if !channel_upgrade(c.channel, t.media_channel) && t.edition != c.edition {
        b.prerequisite(Code::R2NoOption, SRC, format!("{} R2 media does not upgrade {} installation and a repair cannot change the SKU: use R2 media of another channel, with a key of that channel.",
            t.media_channel.label(), super::text::with_article(c.channel.label())
        ));
    }
}

fn steps(s: &Resolved, method: Method, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    b.group("Before you start");
    b.step(SRC, "Back up the server and make sure you can restore it.");
    if c.domain_controller {
        b.step(SRC, "Bring at least one other domain controller online, then remove Active Directory from this server.");
    }
    if c.service_pack < 1 {
        b.step(
            SRC,
            "Install Windows Server 2003 Service Pack 1 (R2 is not offered without it).",
        );
    }
    let cd = format!(
        "{} {} {}",
        t.edition.label(),
        t.architecture.id(),
        t.language
    );
    b.group(format!(
        "Upgrade to Windows Server 2003 R2 ({})",
        method.label()
    ));
    match method {
        Method::R2Option1 => {
            b.step(SRC, "Check that Service Pack 1 or later is installed.");
            b.step(SRC, format!("Insert the Windows Server 2003 R2 CD2 for {cd}; it must be the same SKU, platform and language as the installed system."));
            b.step(SRC, format!("Let Autorun start the R2 setup and, when asked, type the R2 product key of the {} channel.", c.channel.label()));
        }
        Method::R2Option2 => {
            b.step(SRC, "Check that Service Pack 1 or later is installed.");
            b.step(SRC, format!("Insert the Windows Server 2003 R2 CD1 ({} media, {cd}); Autorun starts Setup. If it does not, run Setup.exe from the root of the CD, or Winnt32.exe.", t.media_channel.label()));
            b.step(SRC, "Choose the upgrade option.");
            b.step(SRC, "Accept the Microsoft Software License Terms.");
            b.step(
                SRC,
                format!(
                    "Type the R2 product key ({} channel, {}).",
                    t.key_channel.label(),
                    t.key_edition.label()
                ),
            );
            b.step(
                SRC,
                "Reinstall every security update and hotfix released after Service Pack 1.",
            );
            b.step(
                SRC,
                "Insert the R2 CD2; Autorun starts the R2 setup. Follow the prompts.",
            );
            b.step(SRC, "Reinstall any third-party drivers that had replaced in-box Windows Server 2003 drivers.");
        }
        Method::R2Option3 => {
            b.step(SRC, format!("Start the computer from the Windows Server 2003 R2 CD1 ({} media, {cd}) and let Setup find the installed Windows.", t.media_channel.label()));
            b.step(SRC, "When Setup offers to repair the installation, accept; the repair updates the installed system (see KB 816579, in-place upgrade of Windows Server 2003).");
            b.step(
                SRC,
                "Install every hotfix and security update released after Service Pack 1.",
            );
            b.step(
                SRC,
                "Reinstall the third-party drivers that had replaced in-box drivers.",
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_matrix_matches_the_seed_table() {
        // Only the OEM R2 column says No, except for OEM → OEM.
        for &from in &CHANNELS {
            for &to in &CHANNELS {
                let expected = to != Channel::Oem || from == Channel::Oem;
                assert_eq!(channel_upgrade(from, to), expected, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn sku_matrix_matches_the_seed_table() {
        let yes = [
            (Edition::Standard, Edition::Standard),
            (Edition::Standard, Edition::Enterprise),
            (Edition::Enterprise, Edition::Enterprise),
            (Edition::Datacenter, Edition::Datacenter),
        ];
        for &from in &SKUS {
            for &to in &SKUS {
                assert_eq!(
                    sku_upgrade(from, to),
                    Some(yes.contains(&(from, to))),
                    "{from:?} → {to:?}"
                );
            }
        }
        assert_eq!(sku_upgrade(Edition::Web, Edition::Standard), None);
    }

    #[test]
    fn cell_explanations_say_yes_or_no() {
        assert!(explain_channel_cell(Channel::Retail, Channel::Oem).starts_with("Not supported"));
        assert!(explain_channel_cell(Channel::Oem, Channel::Retail).starts_with("Supported"));
        assert!(explain_sku_cell(Edition::Enterprise, Edition::Standard)
            .contains(MSG_EDITION_DIFFERENT));
    }
}
