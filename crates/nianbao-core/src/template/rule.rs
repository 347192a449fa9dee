//! The stable rule ids of the spec and their severities: data the templates list (which rules
//! apply to them), so they live with the templates, below the checks that implement them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// The stable rule ids of the spec; templates list which apply to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum RuleId {
    T3A,
    T3B,
    T3C,
    T4A,
    VNUM,
    VBLANK,
    TPLYEAR,
    XCARRY,
    XINFORCE,
    XPREV,
    TXTNUM,
    TXTEMPTY,
    TXTFEE,
    PLREG,
    IMPREVIEW,
    IMPEMPTY,
    METAEMPTY,
    METACLOSING,
    TXTREPEAT,
    TXTBASIS,
    XJUMP,
    XSAME,
    DATELATE,
    HSUM,
    HDUP,
    HYEAR,
}

impl RuleId {
    pub const ALL: [RuleId; 26] = [
        RuleId::T3A,
        RuleId::T3B,
        RuleId::T3C,
        RuleId::T4A,
        RuleId::VNUM,
        RuleId::VBLANK,
        RuleId::TPLYEAR,
        RuleId::XCARRY,
        RuleId::XINFORCE,
        RuleId::XPREV,
        RuleId::TXTNUM,
        RuleId::TXTEMPTY,
        RuleId::TXTFEE,
        RuleId::PLREG,
        RuleId::IMPREVIEW,
        RuleId::IMPEMPTY,
        RuleId::METAEMPTY,
        RuleId::METACLOSING,
        RuleId::TXTREPEAT,
        RuleId::TXTBASIS,
        RuleId::XJUMP,
        RuleId::XSAME,
        RuleId::DATELATE,
        RuleId::HSUM,
        RuleId::HDUP,
        RuleId::HYEAR,
    ];

    /// By its stable id, e.g. 「T3-A」.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::T3A => "T3-A",
            RuleId::T3B => "T3-B",
            RuleId::T3C => "T3-C",
            RuleId::T4A => "T4-A",
            RuleId::VNUM => "V-NUM",
            RuleId::VBLANK => "V-BLANK",
            RuleId::TPLYEAR => "TPL-YEAR",
            RuleId::XCARRY => "X-CARRY",
            RuleId::XINFORCE => "X-INFORCE",
            RuleId::XPREV => "X-PREV",
            RuleId::TXTNUM => "TXT-NUM",
            RuleId::TXTEMPTY => "TXT-EMPTY",
            RuleId::TXTFEE => "TXT-FEE",
            RuleId::PLREG => "PL-REG",
            RuleId::IMPREVIEW => "IMP-REVIEW",
            RuleId::IMPEMPTY => "IMP-EMPTY",
            RuleId::METAEMPTY => "META-EMPTY",
            RuleId::METACLOSING => "META-CLOSING",
            RuleId::TXTREPEAT => "TXT-REPEAT",
            RuleId::TXTBASIS => "TXT-BASIS",
            RuleId::XJUMP => "X-JUMP",
            RuleId::XSAME => "X-SAME",
            RuleId::DATELATE => "DATE-LATE",
            RuleId::HSUM => "H-SUM",
            RuleId::HDUP => "H-DUP",
            RuleId::HYEAR => "H-YEAR",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            RuleId::T3A
            | RuleId::T3B
            | RuleId::T3C
            | RuleId::T4A
            | RuleId::VNUM
            | RuleId::TPLYEAR
            | RuleId::XCARRY
            | RuleId::IMPEMPTY
            | RuleId::HSUM => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
