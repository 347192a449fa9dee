//! An organ's name as compared: the title, the 落款, the desk's pairing and names list all ask
//! whether two spellings name one organ.

/// An organ's name as compared: without spaces and a trailing 「人民政府」, so 「青石镇」 and
/// 「青石镇人民政府」 are one organ. Empty for a report that names none.
pub fn organ_key(organ: &str) -> String {
    let name: String = organ.chars().filter(|c| !c.is_whitespace()).collect();
    name.strip_suffix("人民政府").unwrap_or(&name).to_string()
}

/// Whether two names are forms of one organ: equal keys, or one ending with the other (a name
/// with its region, 「示范县青石镇人民政府」, and without, 「青石镇」). Empty names are no organ.
pub fn same_organ(a: &str, b: &str) -> bool {
    let (a, b) = (organ_key(a), organ_key(b));
    !a.is_empty() && !b.is_empty() && (a.ends_with(&b) || b.ends_with(&a))
}

#[cfg(test)]
mod tests {
    use super::same_organ;

    #[test]
    fn forms_of_one_organ_match_and_neighbours_do_not() {
        assert!(same_organ("示范县青石镇人民政府", "青石镇"));
        assert!(same_organ("青石镇 人民政府", "示范县青石镇"));
        assert!(!same_organ("示范县青石镇人民政府", "青山镇"));
        assert!(!same_organ("青石镇", ""));
        assert!(!same_organ("石镇", "青山镇"));
    }
}
