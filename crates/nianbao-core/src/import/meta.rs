//! The report's particulars in the text around the tables: the title (organ and year), the
//! preamble with contact details, and the 落款 (organ and date) at the end.

use super::lines::Line;
use crate::model::Meta;

/// What was found before the first section: the title line(s) and the preamble.
pub struct Front {
    pub organ: String,
    pub year: Option<i32>,
    pub preamble: Vec<String>,
    /// Page chrome and anything above the title: not report text, said in the import report.
    pub left_out: Vec<String>,
}

/// Lines of a saved web page that are page furniture, not the report.
const CHROME: &[&str] = &[
    "索引号",
    "索 引 号",
    "文号",
    "发布机构",
    "生成日期",
    "有效性",
    "有 效 性",
    "时间:",
    "时间：",
    "来源:",
    "来源：",
    "浏览次数",
    "字号",
    "打印",
    "关闭窗口",
    "附件下载",
    "扫一扫",
    "相关解读",
];

pub fn is_chrome(text: &str) -> bool {
    text.starts_with('•') || CHROME.iter().any(|c| text.contains(c)) || is_breadcrumb(text)
}

/// 「首页 > 政府信息公开 > 年度报告」, 「当前位置：…」: where the page sits on the site.
fn is_breadcrumb(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("当前位置")
        || t.starts_with("您的位置")
        || t.starts_with("您现在的位置")
        || ((t.starts_with("首页") || t.starts_with("网站首页"))
            && t.contains(['>', '＞', '»', '›', '/']))
}

/// Reads the front matter: everything before the first section heading.
pub fn front(lines: &[Line]) -> Front {
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    // A breadcrumb 「首页 > … > 2020年度报告」 is not the title.
    // A title is a short line; the preamble's first sentence (「本报告根据……年度报告格式……」)
    // names the report too, but is not its title.
    let title_at = texts.iter().position(|t| {
        !is_chrome(t)
            && t.chars().count() <= 60
            && !t.starts_with("本报告")
            && !t.starts_with("根据")
            && (t.contains("年度报告") || (t.contains("年报") && t.contains("政府信息公开")))
    });
    let (title, title_from, body_from) = match title_at {
        // A title broken over two lines: 「东双河镇政府信息公开工作」「2019年度报告」.
        Some(i) if i > 0 && !texts[i].contains("政府信息公开") => {
            (format!("{}{}", texts[i - 1], texts[i]), i - 1, i + 1)
        }
        Some(i) => (texts[i].clone(), i, i + 1),
        None => (String::new(), 0, 0),
    };
    // Above the title: the site's header and breadcrumbs.
    let mut left_out: Vec<String> = texts[..title_from].to_vec();
    let folded = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let title_folded = folded(&title);
    let mut preamble = Vec::new();
    for t in &texts[body_from..] {
        // The title repeated by the page (as a heading and again in the article).
        let repeated = !title_folded.is_empty() && folded(t) == title_folded;
        if is_chrome(t) || repeated {
            left_out.push(t.clone());
        } else {
            preamble.push(t.clone());
        }
    }
    left_out.retain(|t| !t.is_empty());
    let (organ, year) = parse_title(&title);
    Front {
        organ,
        year,
        preamble,
        left_out,
    }
}

/// 「湖山乡人民政府2020年政府信息公开工作年度报告」 → (湖山乡人民政府, 2020).
pub fn parse_title(title: &str) -> (String, Option<i32>) {
    let title: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let title = title
        .trim_start_matches("附件")
        .trim_start_matches([':', '：', '1', '１'])
        .to_string();
    let year = first_year(&title);
    let end = [
        title.find(|c: char| c.is_ascii_digit()),
        title.find("政府信息公开"),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(0);
    let organ = title[..end]
        .trim_end_matches("关于")
        .trim_end_matches('（')
        .to_string();
    (organ, year)
}

/// The first 「20xx年」 (or 「20xx 年」) in a text.
pub fn first_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
        let year: i32 = digits.parse().ok()?;
        (before_ok && after == Some(&'年') && crate::model::YEARS.contains(&year)).then_some(year)
    })
}

/// Contact details as reports write them: 「地址:…,电话:…,邮编:…」 and a web address.
pub fn contact(text: &str, meta: &mut Meta) {
    let field = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            let at = text.find(k)? + k.len();
            let rest = text[at..].trim_start_matches([':', '：', ' ', '为']);
            let value: String = rest
                .chars()
                .take_while(|c| !"，,。；;）)、 ".contains(*c))
                .collect();
            (!value.is_empty()).then_some(value)
        })
    };
    meta.address = field(&["地址"]).unwrap_or_default();
    meta.phone = field(&["电话", "联系方式"]).unwrap_or_default();
    meta.postcode = field(&["邮编", "邮政编码"]).unwrap_or_default();
    meta.website = text
        .find("http")
        .map(|at| {
            text[at..]
                .chars()
                .take_while(|c| c.is_ascii_graphic() && *c != ')' && *c != '）')
                .collect()
        })
        .unwrap_or_default();
    if let Some((start, end)) = period(text) {
        meta.period_start = start;
        meta.period_end = end;
    }
}

/// 「统计期限为2020年1月1日起至2020年12月31日」 → ("2020-01-01", "2020-12-31").
fn period(text: &str) -> Option<(String, String)> {
    let dates: Vec<String> = dates(text);
    (dates.len() >= 2 && text.contains('至')).then(|| (dates[0].clone(), dates[1].clone()))
}

/// Every 「YYYY年M月D日」 in a text, as YYYY-MM-DD.
pub fn dates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('年') {
        let head: String = rest[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let year: String = head.chars().rev().collect();
        let tail = &rest[at + '年'.len_utf8()..];
        let month: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let after_month = &tail[month.len()..];
        if year.len() == 4 && !month.is_empty() && after_month.starts_with('月') {
            let day_part = &after_month['月'.len_utf8()..];
            let day: String = day_part.chars().take_while(char::is_ascii_digit).collect();
            if !day.is_empty() && day_part[day.len()..].starts_with('日') {
                out.push(format!("{year}-{month:0>2}-{day:0>2}"));
            }
        }
        rest = tail;
    }
    out
}

/// A line that is only a date: the 落款 date.
pub fn is_date_line(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    dates(&t).len() == 1 && t.ends_with('日') && t.chars().count() <= 12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_organ_and_year() {
        assert_eq!(
            parse_title("湖山乡人民政府2020年政府信息公开工作年度报告"),
            ("湖山乡人民政府".into(), Some(2020))
        );
        assert_eq!(
            parse_title("东方红乡 2019 年政府信息公开工作年报"),
            ("东方红乡".into(), Some(2019))
        );
        assert_eq!(
            parse_title("东双河镇政府信息公开工作2019年度报告"),
            ("东双河镇".into(), Some(2019))
        );
        assert_eq!(
            parse_title("附件：政府信息公开工作年度报告"),
            (String::new(), None)
        );
    }

    #[test]
    fn contact_details_and_dates() {
        let mut meta = Meta::default();
        contact(
            "统计期限为2020年1月1日起至2020年12月31日。网站下载(http://www.yongding.gov.cn/)。(地址:龙岩市永定区湖山乡人民政府,电话:0597-5561226,邮编:364113)",
            &mut meta,
        );
        assert_eq!(meta.address, "龙岩市永定区湖山乡人民政府");
        assert_eq!(meta.phone, "0597-5561226");
        assert_eq!(meta.postcode, "364113");
        assert_eq!(meta.website, "http://www.yongding.gov.cn/");
        assert_eq!(
            (meta.period_start.as_str(), meta.period_end.as_str()),
            ("2020-01-01", "2020-12-31")
        );
        assert!(is_date_line("2021年1月14日"));
        assert!(!is_date_line("2021年1月14日，我乡召开会议"));
    }
}
