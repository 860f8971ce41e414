//! Same version: Windows 10/11 releases and editions, service packs (Q174799 on clusters),
//! Standard → Datacenter, and in-place repair.

use super::lifecycle::lifecycle;
use super::outcome::not_supported;
use super::{runbook, Ctx, CLI23, IPU};
use crate::core::builder::Builder;
use crate::core::catalog::{version, Family};
use crate::core::cluster;
use crate::core::codes::Code;
use crate::core::configmgr;
use crate::core::editions::{edition_rule, Keeps};
use crate::core::ids::{Channel, Edition, Os};
use crate::core::plan::{Method, Plan};
use crate::core::scenario::Resolved;
use crate::core::source::Source;

/// Same version: service packs (Q174799 on clusters), editions, releases, repair.
pub(super) fn rule(ctx: &mut Ctx) -> Option<Plan> {
    let s = ctx.s;
    if s.current.os != s.target.os {
        return None;
    }
    let mut b = ctx.take();
    let cm_method = s
        .configmgr
        .as_ref()
        .map(|cm| configmgr::check(s, cm, &mut b));
    if b.has_blocker() {
        return Some(not_supported(s, b));
    }
    let method = match version(s.current.os).family {
        Family::Client => client_release(s, cm_method, &mut b),
        Family::Server => service_pack(s, &mut b)
            .or_else(|| edition_conversion(s, &mut b))
            .unwrap_or_else(|| Ok(repair(s, cm_method, &mut b))),
    };
    Some(match method {
        Err(Refused) => not_supported(s, b),
        Ok(method) => {
            lifecycle(s, &[s.current.os], &mut b);
            b.finish(method, vec![s.current.os], s.as_of)
        }
    })
}

/// A blocker was found: the plan is not supported.
struct Refused;

/// Windows 10/11: a newer release, or an edition change within the version.
fn client_release(
    s: &Resolved,
    cm_method: Option<Method>,
    b: &mut Builder,
) -> Result<Method, Refused> {
    let (c, t) = (&s.current, &s.target);
    let v = version(c.os);
    let (ci, ti) = (
        c.release.and_then(|r| v.release_index(r)),
        t.release.and_then(|r| v.release_index(r)),
    );
    if ti < ci {
        b.blocker(
            Code::ReleaseDowngrade,
            CLI23,
            format!(
                "{} {} is older than the installed {}: upgrades only go to a newer release.",
                c.os.label(),
                t.release.unwrap_or("?"),
                c.release.unwrap_or("?")
            ),
        );
        return Err(Refused);
    }
    let rule = edition_rule(c.os, c.edition, t.os);
    let keeps = match rule.allows(t.edition) {
        None => {
            b.blocker(
                Code::EditionNotAllowed,
                rule.source,
                format!(
                    "{} {} cannot be changed in place to {}.",
                    c.os.label(),
                    c.edition.label(),
                    t.edition.label()
                ),
            );
            return Err(Refused);
        }
        Some(keeps) => keeps,
    };
    if keeps == Keeps::DataOnly {
        b.warning(Code::EditionDowngrade, rule.source, format!("{} → {} is an edition downgrade: personal data is kept, applications and settings are not.", c.edition.label(), t.edition.label()));
    }
    if ti > ci {
        b.info(Code::GaToNewerGa, CLI23, "Any supported General Availability release can upgrade directly to any newer one, skipping releases.");
    }
    // Same release and edition (or no release given on either side): nothing to upgrade.
    if ti == ci && t.edition == c.edition && cm_method.is_none() {
        return Ok(repair(s, None, b));
    }
    client_edition_notes(s, b);
    if let (Some(cm), Some(method)) = (&s.configmgr, cm_method) {
        configmgr::steps(s, cm, t.os, b);
        return Ok(method);
    }
    runbook::client_release(s, keeps, b);
    Ok(Method::InPlaceUpgrade)
}

fn client_edition_notes(s: &Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    if t.edition != c.edition {
        b.info(
            Code::EditionKey,
            CLI23,
            format!(
                "Get the {} key or license before you start.",
                t.edition.label()
            ),
        );
    }
    if c.edition == Edition::EnterpriseLtsc && t.edition != Edition::EnterpriseLtsc {
        b.warning(Code::LtscToGaKey, CLI23, "LTSC → General Availability: run setup.exe with /pkey and a key of the GA edition (for example the KMS client key of Enterprise), otherwise \"Keep personal files and apps\" is greyed out.");
        b.group("Before you start");
        b.step(CLI23, "Get a key of the GA edition to pass to setup.exe with /pkey (for Enterprise, its KMS client key) so that apps and settings are kept.");
    }
}

/// A later service pack (Q174799's rolling procedure on a cluster); `None` when the service pack
/// stays as it is.
fn service_pack(s: &Resolved, b: &mut Builder) -> Option<Result<Method, Refused>> {
    let c = &s.current;
    let target_sp = s.target.service_pack.unwrap_or(c.service_pack);
    if target_sp < c.service_pack {
        b.blocker(Code::ServicePackDowngrade, Source::Catalog, format!("Service Pack {} is already installed; going back to Service Pack {target_sp} is not an upgrade.", c.service_pack));
        return Some(Err(Refused));
    }
    if target_sp == c.service_pack {
        return None;
    }
    if s.clustered {
        return Some(Ok(cluster::rolling_service_pack(s, b)));
    }
    if c.os == Os::WindowsNt40
        && c.edition == Edition::Enterprise
        && c.service_pack < 3
        && target_sp > 3
    {
        b.prerequisite(Code::Nt4EeSp3First, Source::Q174799, "Windows NT 4.0 Enterprise Edition needs Service Pack 3 at the end of its installation; it is the one case where a service pack cannot be skipped.");
    }
    runbook::service_pack(s, target_sp, b);
    Some(Ok(Method::InPlaceUpgrade))
}

/// Standard → Datacenter on the same version (facts §1.7); `None` when the edition stays.
fn edition_conversion(s: &Resolved, b: &mut Builder) -> Option<Result<Method, Refused>> {
    let (c, t) = (&s.current, &s.target);
    if t.edition == c.edition {
        return None;
    }
    let src = Source::ConversionOptions;
    let allowed = c.edition == Edition::Standard
        && t.edition == Edition::Datacenter
        && version(c.os).rank >= version(Os::Server2008R2).rank
        && c.channel != Channel::Evaluation;
    if !allowed {
        b.blocker(
            Code::SameVersionEditionChange,
            src,
            format!(
                "{} {} cannot be converted in place to {}.",
                c.os.label(),
                c.edition.label(),
                t.edition.label()
            ),
        );
        return Some(Err(Refused));
    }
    b.warning(
        Code::StandardToDatacenterIrreversible,
        src,
        "Converting Standard to Datacenter cannot be undone: there is no way back to Standard.",
    );
    b.group("Convert Standard to Datacenter");
    b.step(
        src,
        "Check the current edition: DISM /online /Get-CurrentEdition (shows ServerStandard).",
    );
    b.step(src, "Convert: DISM /online /Set-Edition:ServerDatacenter /ProductKey:<key> /AcceptEula, then restart.");
    Some(Ok(Method::InPlaceUpgrade))
}

/// Setup of the installed version on itself: an in-place repair.
fn repair(s: &Resolved, cm_method: Option<Method>, b: &mut Builder) -> Method {
    let os = s.current.os;
    let client = version(os).family == Family::Client;
    let src = if client {
        CLI23
    } else {
        Source::ConversionOptions
    };
    if client {
        b.info(Code::SameVersionRepair, src, format!("The target is the installed version and release: there is nothing to upgrade. Running Setup of {} on it would be an in-place repair that keeps the edition.", os.label()));
    } else {
        b.info(Code::SameVersionRepair, src, format!("The target is the installed version: running Setup of {} on it is an in-place repair and keeps the edition.", os.label()));
    }
    b.group("In-place repair");
    b.step(
        IPU,
        if client {
            "Back up the PC."
        } else {
            "Back up the server."
        },
    );
    b.step(
        src,
        format!(
            "Run setup.exe from the {} media and keep files, settings and applications.",
            os.label()
        ),
    );
    cm_method.unwrap_or(Method::InPlaceUpgrade)
}
