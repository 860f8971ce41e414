//! Small helpers for generated English sentences.

/// "a" or "an" before a label as it is read aloud ("an x64", "an OEM", "a Retail").
pub fn a_an(word: &str) -> &'static str {
    // Initialisms read letter by letter: "an MSDN".
    if word.starts_with("MSDN") {
        return "an";
    }
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'x') => "an",
        _ => "a",
    }
}

/// The word with its article: "a Retail", "an OEM", "an Enterprise".
pub fn with_article(word: &str) -> String {
    format!("{} {word}", a_an(word))
}

/// A count and its noun: "1 machine", "3 machines".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// End a sentence with exactly one full stop.
pub fn sentence(s: &str) -> String {
    format!("{}.", s.trim_end().trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(a_an("OEM"), "an");
        assert_eq!(a_an("Evaluation"), "an");
        assert_eq!(a_an("x86 (32-bit)"), "an");
        assert_eq!(a_an("Retail"), "a");
        assert_eq!(with_article("MSDN"), "an MSDN");
        assert_eq!(with_article("Enterprise"), "an Enterprise");
        assert_eq!(sentence("by design)."), "by design).");
    }
}
