//! Warnings answered with a reason (「已核实，说明原因」): a rule's finding, the places it was
//! about and what they held then, the reason and the date. A finding stays answered while its
//! rule and places match and the places hold what they held: an edit of any of them reopens it
//! (the reason was about the old figures). Errors are never answered: a balancing equation is
//! arithmetic, not an opinion (the check layer refuses them).

use super::Report;
use crate::template::{Place, RuleId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub rule: RuleId,
    /// The places by id, as [`Report::place_id`] names them.
    pub places: Vec<String>,
    /// What the places held when answered ([`Report::digest`]).
    pub seen: String,
    pub reason: String,
    /// The day it was answered, 「2026-01-20」.
    pub date: String,
}

/// FNV-1a: a stable 64-bit digest of bytes (not for secrets: to notice a change).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Report {
    /// A place as files and answers name it: a cell's or narrative's id, a meta field's key,
    /// 「year」.
    pub fn place_id(&self, place: Place) -> String {
        let t = self.template;
        match place {
            Place::Cell(c) => t.cell(c).id.clone(),
            Place::Narrative(n) => t.narrative(n).id.clone(),
            Place::Meta(f) => f.key().to_string(),
            Place::Year => "year".to_string(),
        }
    }

    /// What the places hold now, as one digest: the answer to a finding about them holds
    /// while this does not change.
    pub fn digest(&self, places: &[Place]) -> String {
        let mut text = String::new();
        for &place in places {
            match place {
                Place::Cell(c) => text.push_str(&self.text(c)),
                Place::Narrative(n) => text.push_str(self.narrative(n)),
                Place::Meta(f) => text.push_str(self.meta.field(f)),
                Place::Year => text.push_str(&self.meta.year.to_string()),
            }
            // Places apart, so 「1」「23」 and 「12」「3」 differ.
            text.push('\u{1f}');
        }
        format!("{:016x}", fnv1a(text.as_bytes()))
    }

    /// The answer that holds for a finding of `rule` about `places`, if any.
    pub fn answer_for(&self, rule: RuleId, places: &[Place]) -> Option<&Answer> {
        let ids: Vec<String> = places.iter().map(|&p| self.place_id(p)).collect();
        let seen = self.digest(places);
        self.answers
            .iter()
            .find(|a| a.rule == rule && a.places == ids && a.seen == seen)
    }

    /// Answers a finding: replaces any earlier answer about the same rule and places.
    pub fn answer(&mut self, rule: RuleId, places: &[Place], reason: &str, date: &str) {
        let ids: Vec<String> = places.iter().map(|&p| self.place_id(p)).collect();
        let seen = self.digest(places);
        self.answers
            .retain(|a| !(a.rule == rule && a.places == ids));
        self.answers.push(Answer {
            rule,
            places: ids,
            seen,
            reason: reason.trim().to_string(),
            date: date.to_string(),
        });
    }

    /// 撤销说明: the finding is open again.
    pub fn unanswer(&mut self, rule: RuleId, places: &[Place]) {
        let ids: Vec<String> = places.iter().map(|&p| self.place_id(p)).collect();
        self.answers
            .retain(|a| !(a.rule == rule && a.places == ids));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_holds_until_its_places_change() {
        let mut r = Report::new(2025, "青石镇");
        let cell = r.template.cell_index("t2.licensing.decisions").unwrap();
        r.set_text(cell, "61");
        let places = [Place::Cell(cell)];
        r.answer(
            RuleId::XJUMP,
            &places,
            " 新设政务服务站，许可量确有大增 ",
            "2026-01-20",
        );
        let a = r.answer_for(RuleId::XJUMP, &places).expect("answered");
        assert_eq!(a.reason, "新设政务服务站，许可量确有大增");
        assert!(
            r.answer_for(RuleId::TXTREPEAT, &places).is_none(),
            "another rule"
        );
        r.set_text(cell, "62");
        assert!(
            r.answer_for(RuleId::XJUMP, &places).is_none(),
            "reopened by the edit"
        );
        r.set_text(cell, "61");
        assert!(
            r.answer_for(RuleId::XJUMP, &places).is_some(),
            "the same figures again"
        );
        r.unanswer(RuleId::XJUMP, &places);
        assert!(r.answers.is_empty());
    }
}
