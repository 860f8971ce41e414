//! Collects findings, steps and messages while the rules run, then settles the verdict.

use super::codes::Code;
use super::date::Date;
use super::ids::Os;
use super::plan::*;
use super::source::{Source, RULES_AS_OF};

#[derive(Default)]
pub struct Builder {
    findings: Vec<Finding>,
    steps: Vec<Step>,
    setup_messages: Vec<String>,
    alternatives: Vec<Alternative>,
    explanation: Option<String>,
    group: String,
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            group: "Before you start".into(),
            ..Builder::default()
        }
    }

    pub fn finding(
        &mut self,
        severity: Severity,
        code: Code,
        source: Source,
        message: impl Into<String>,
    ) {
        self.finding_with(severity, code, source, Confidence::Confirmed, message);
    }

    pub fn finding_with(
        &mut self,
        severity: Severity,
        code: Code,
        source: Source,
        confidence: Confidence,
        message: impl Into<String>,
    ) {
        let message = message.into();
        if !self
            .findings
            .iter()
            .any(|f| f.code == code && f.message == message)
        {
            self.findings.push(Finding {
                severity,
                code,
                message,
                source,
                confidence,
            });
        }
    }

    pub fn blocker(&mut self, code: Code, source: Source, message: impl Into<String>) {
        self.finding(Severity::Blocker, code, source, message);
    }
    pub fn prerequisite(&mut self, code: Code, source: Source, message: impl Into<String>) {
        self.finding(Severity::Prerequisite, code, source, message);
    }
    pub fn warning(&mut self, code: Code, source: Source, message: impl Into<String>) {
        self.finding(Severity::Warning, code, source, message);
    }
    pub fn info(&mut self, code: Code, source: Source, message: impl Into<String>) {
        self.finding(Severity::Info, code, source, message);
    }

    /// Start a new group of runbook steps.
    pub fn group(&mut self, name: impl Into<String>) {
        self.group = name.into();
    }

    pub fn step(&mut self, source: Source, text: impl Into<String>) {
        self.steps.push(Step {
            text: text.into(),
            source,
            group: self.group.clone(),
        });
    }

    /// A message quoted exactly as Setup or the compatibility report shows it.
    pub fn setup_message(&mut self, text: &str) {
        if !self.setup_messages.iter().any(|m| m == text) {
            self.setup_messages.push(text.to_string());
        }
    }

    pub fn alternative(&mut self, method: Method, why: impl Into<String>) {
        if !self.alternatives.iter().any(|a| a.method == method) {
            self.alternatives.push(Alternative {
                method,
                why: why.into(),
            });
        }
    }

    pub fn explain(&mut self, text: impl Into<String>) {
        self.explanation = Some(text.into());
    }

    pub fn has_blocker(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Blocker)
    }

    pub fn blockers(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker)
    }

    /// Settle the verdict from the findings and produce the Plan.
    pub fn finish(mut self, method: Method, route: Vec<Os>, as_of: Date) -> Plan {
        let verdict = if self.has_blocker() {
            Verdict::NotSupported
        } else if self
            .findings
            .iter()
            .any(|f| f.severity == Severity::Prerequisite)
        {
            Verdict::SupportedAfterPrerequisites
        } else {
            Verdict::Supported
        };
        let confidence = self
            .findings
            .iter()
            .filter(|f| !f.code.is_lifecycle())
            .map(|f| f.confidence)
            .max()
            .unwrap_or(Confidence::Confirmed);
        self.findings.sort_by_key(|f| f.severity);
        Plan {
            verdict,
            method,
            route,
            // Filled in by `eval::finish`, which knows each stop's edition and release.
            stops: Vec::new(),
            headline: String::new(),
            readiness: None,
            esu: Vec::new(),
            findings: self.findings,
            setup_messages: self.setup_messages,
            steps: self.steps,
            alternatives: self.alternatives,
            explanation: self.explanation,
            confidence,
            as_of,
            rules_as_of: RULES_AS_OF,
        }
    }
}

impl Builder {
    pub fn explanation_is_set(&self) -> bool {
        self.explanation.is_some()
    }
}
