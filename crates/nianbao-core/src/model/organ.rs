//! An organ's name as compared: the title, the 落款, the desk's pairing and names list all ask
//! whether two spellings name one organ. A name is reduced to its key (no spaces, no trailing
//! 「人民政府」, the usual long forms of departments shortened as `assets/organs/abbreviations.txt`
//! lists them); its forms are the key and what follows each region in it (「淮安市洪泽区」,
//! 「洪泽区」). Two names are one organ when one's key is a form of the other's.

use std::collections::HashMap;

/// Long forms of department names and their usual short forms, one pair a line: data, so a
/// new abbreviation is a line, not code.
const ABBREVIATIONS: &str = include_str!("../../../../assets/organs/abbreviations.txt");

/// The characters that end a region's name inside an organ's: 「示范县」「淮安市」「某某旗」.
const REGION_ENDS: &[char] = &['省', '市', '县', '区', '州', '盟', '旗'];

fn abbreviations() -> &'static [(String, String)] {
    static PAIRS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs: Vec<(String, String)> = ABBREVIATIONS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (long, short) = l.split_once(['\t', ' ', '='])?;
                Some((long.trim().to_string(), short.trim().to_string()))
            })
            .collect();
        // The longest first: 「卫生健康委员会」 before any shorter long form inside it.
        pairs.sort_by_key(|(long, _)| std::cmp::Reverse(long.chars().count()));
        pairs
    })
}

/// An organ's name as compared: without spaces, a trailing 「人民政府」 and a lone leading
/// 「县」, long department names in their short form, so 「青石镇」 and 「青石镇人民政府」, 「示范县卫生健康委员会」 and
/// 「示范县卫健委」 are one key each. Empty for a report that names none.
pub fn organ_key(organ: &str) -> String {
    let mut name: String = organ.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(stripped) = name.strip_suffix("人民政府") {
        name = stripped.to_string();
    }
    // A names list's 「县卫健委」 is this county's: a lone leading 县 (区, 省, 州) says no
    // more than the review does. (Not 市: 「市场监管局」.)
    if let Some(rest) = name.strip_prefix(['县', '区', '省', '州'])
        && rest.chars().count() >= 2
    {
        name = rest.to_string();
    }
    for (long, short) in abbreviations() {
        if name.contains(long.as_str()) {
            name = name.replace(long.as_str(), short);
        }
    }
    name
}

/// The order a county office lists organs in: by pinyin, character by character (白沙镇 before
/// 红河乡 before 青石镇), not by code point. Characters without a reading (Latin, digits) sort as
/// themselves, lower-cased. Compare keys, then the names, for a total order.
pub fn pinyin_key(organ: &str) -> String {
    use pinyin::ToPinyin;
    let mut key = String::with_capacity(organ.len() * 2);
    for (c, reading) in organ.chars().zip(organ.to_pinyin()) {
        match reading {
            Some(p) => key.push_str(p.plain()),
            None => key.extend(c.to_lowercase()),
        }
        // Syllables apart, so 「xian」 and 「xi an」 do not read alike.
        key.push(' ');
    }
    key
}

/// The forms a key takes: itself, and what follows each region inside it, as long as
/// something of the organ's own is left (「示范县青石镇」: 「青石镇」; 「江苏省淮安市洪泽区」:
/// 「淮安市洪泽区」, 「洪泽区」; a bare 「示范县」 is its only form).
pub fn forms(key: &str) -> impl Iterator<Item = &str> {
    let cuts = key
        .char_indices()
        .filter(|(_, c)| REGION_ENDS.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .filter(move |end| key[*end..].chars().count() >= 2);
    std::iter::once(key).chain(cuts.map(move |end| &key[end..]))
}

/// Whether two names are forms of one organ: one's key is a form of the other's (a name with
/// its region, 「示范县青石镇人民政府」, and without, 「青石镇」). Empty names are no organ.
pub fn same_organ(a: &str, b: &str) -> bool {
    let (a, b) = (organ_key(a), organ_key(b));
    same_key(&a, &b)
}

/// [`same_organ`] for keys already made.
pub fn same_key(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (forms(a).any(|f| f == b) || forms(b).any(|f| f == a))
}

/// Other names of organs, given by the reviewer (an alias file: one organ a line, its names
/// separated by 「=」, tabs or 「、」, the first the name the others stand for): used for
/// pairing and for the names list alike.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// key of an alias → key of the name it stands for.
    to: HashMap<String, String>,
}

impl Aliases {
    pub fn parse(text: &str) -> Aliases {
        let mut to = HashMap::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut names = line
                .split(['=', '\t', '、'])
                .map(organ_key)
                .filter(|k| !k.is_empty());
            let Some(first) = names.next() else { continue };
            for other in names {
                to.insert(other, first.clone());
            }
        }
        Aliases { to }
    }

    /// An organ's key with the alias list applied: the name it stands for, where it is one.
    pub fn key(&self, organ: &str) -> String {
        let key = organ_key(organ);
        self.to.get(&key).cloned().unwrap_or(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_sort_by_pinyin() {
        let mut names = [
            "示范县青石镇",
            "示范县白沙镇",
            "示范县红河乡",
            "示范县安乐乡",
        ];
        names.sort_by_key(|n| pinyin_key(n));
        assert_eq!(
            names,
            [
                "示范县安乐乡",
                "示范县白沙镇",
                "示范县红河乡",
                "示范县青石镇"
            ]
        );
        assert!(pinyin_key("第2中学") < pinyin_key("第二中学"));
    }

    #[test]
    fn forms_of_one_organ_match_and_neighbours_do_not() {
        assert!(same_organ("示范县青石镇人民政府", "青石镇"));
        assert!(same_organ("青石镇 人民政府", "示范县青石镇"));
        assert!(same_organ("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_organ("县卫健委", "示范县卫生健康委员会"));
        assert!(same_organ("县市场监管局", "示范县市场监督管理局"));
        assert!(!same_organ("示范县青石镇人民政府", "青山镇"));
        assert!(!same_organ("青石镇", ""));
        assert!(
            !same_organ("石镇", "青石镇"),
            "a part of a name is not a form of it"
        );
        assert!(
            !same_organ("示范县", "示范县青石镇"),
            "the county is not its township"
        );
    }

    #[test]
    fn an_alias_file_names_the_rest() {
        let aliases =
            Aliases::parse("# 别名\n示范县政务服务和大数据管理局=县政数局、县大数据局\n\n");
        assert_eq!(
            aliases.key("县大数据局"),
            aliases.key("示范县政务服务和大数据管理局")
        );
        assert_eq!(aliases.key("青石镇人民政府"), "青石镇");
    }
}
