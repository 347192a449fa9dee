//! Parsing the command line into a [`Command`]; nothing is read or written here (only whether a
//! lone argument exists is asked, to tell a report from a mistyped command). Arguments
//! are `OsString`s: a file name need not be UTF-8 (a GBK name from a Windows zip).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::Failure;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    /// The window, with the file to open.
    Open(Option<PathBuf>),
    /// The start-menu entry, icon and file type for this user (Linux, Windows); `remove`
    /// takes them away again.
    InstallDesktop {
        remove: bool,
        /// Replace a link or a file nianbao did not write.
        force: bool,
    },
    Check {
        files: Vec<PathBuf>,
        prev: Option<PathBuf>,
        json: bool,
        /// The reviewer's desk: summary, expected organs, 汇总 report.
        desk: super::check::DeskOptions,
    },
    Cells {
        file: PathBuf,
    },
    /// A warning answered with a reason.
    Answer(super::answer::AnswerArgs),
    /// 与上年比对 of two reports.
    Compare {
        this: PathBuf,
        last: PathBuf,
        out: PathBuf,
        force: bool,
    },
    /// The text drafted from the tables for a narrative.
    Draft {
        file: PathBuf,
        section: String,
    },
    /// The 汇总 report generated from the reports that count in folders.
    Sum {
        inputs: Vec<PathBuf>,
        organ: String,
        year: Option<i32>,
        aliases: Option<PathBuf>,
        out: PathBuf,
        force: bool,
    },
    New {
        year: i32,
        organ: String,
        from: Option<PathBuf>,
        out: PathBuf,
        force: bool,
    },
    Convert {
        input: PathBuf,
        out: PathBuf,
        force: bool,
        /// Print the import report of a published input.
        verbose: bool,
    },
}

fn usage(message: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{message}（运行 nianbao help 查看用法）"))
}

/// Options with a value, and flags, of one subcommand.
struct Parsed {
    positional: Vec<OsString>,
    options: Vec<(String, OsString)>,
    flags: Vec<String>,
}

/// `--name=value` as its name and value; anything else whole, as a name when it is text.
fn name_and_value(arg: &OsStr) -> (String, Option<OsString>) {
    let bytes = arg.as_encoded_bytes();
    if bytes.starts_with(b"--")
        && let Some(at) = bytes.iter().position(|b| *b == b'=')
    {
        let name = String::from_utf8_lossy(&bytes[..at]).into_owned();
        // Splitting right after an ASCII '=' keeps both halves valid encoded strings.
        // SAFETY: `at + 1` follows the ASCII byte '=', a boundary of the encoding.
        let value = unsafe { OsStr::from_encoded_bytes_unchecked(&bytes[at + 1..]) };
        return (name, Some(value.to_os_string()));
    }
    (arg.to_string_lossy().into_owned(), None)
}

fn text(name: &str, value: OsString) -> Result<String, Failure> {
    value.into_string().map_err(|v| {
        usage(format!(
            "{name} 的值“{}”不是有效的文字",
            v.to_string_lossy()
        ))
    })
}

fn split(args: &[OsString], with_value: &[&str], flags: &[&str]) -> Result<Parsed, Failure> {
    let mut parsed = Parsed {
        positional: Vec::new(),
        options: Vec::new(),
        flags: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (name, inline) = name_and_value(arg);
        let name = name.as_str();
        if with_value.contains(&name) {
            let value = match inline {
                Some(v) => v,
                None => iter
                    .next()
                    .cloned()
                    .ok_or_else(|| usage(format!("{name} 后面缺少参数值")))?,
            };
            if parsed.options.iter().any(|(n, _)| n == name) {
                return Err(usage(format!("{name} 只能给一次")));
            }
            parsed.options.push((name.to_string(), value));
        } else if flags.contains(&name) && inline.is_none() {
            parsed.flags.push(name.to_string());
        } else if name.starts_with('-') && name.len() > 1 {
            return Err(usage(format!("不认识的选项 {}", arg.to_string_lossy())));
        } else {
            parsed.positional.push(arg.clone());
        }
    }
    Ok(parsed)
}

impl Parsed {
    fn option(&self, names: &[&str]) -> Option<OsString> {
        self.options
            .iter()
            .find(|(n, _)| names.contains(&n.as_str()))
            .map(|(_, v)| v.clone())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn required(&self, names: &[&str]) -> Result<OsString, Failure> {
        self.option(names)
            .ok_or_else(|| usage(format!("缺少 {}", names[0])))
    }

    fn required_text(&self, names: &[&str]) -> Result<String, Failure> {
        text(names[0], self.required(names)?)
    }
}

pub fn parse_args(args: &[OsString]) -> Result<Command, Failure> {
    let Some((first, rest)) = args.split_first() else {
        return Ok(Command::Open(None));
    };
    match first.to_str().unwrap_or_default() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "check" => {
            let p = split(
                rest,
                &[
                    "--prev",
                    "--summary",
                    "--expect",
                    "--parent",
                    "--year",
                    "--alias",
                    "--compare",
                ],
                &["--json", "--force"],
            )?;
            let year = year_option(&p)?;
            if p.positional.is_empty() {
                return Err(usage("check 需要至少一个报告文件或文件夹"));
            }
            let path = |name| p.option(&[name]).map(PathBuf::from);
            Ok(Command::Check {
                files: p.positional.iter().map(PathBuf::from).collect(),
                prev: path("--prev"),
                json: p.flag("--json"),
                desk: super::check::DeskOptions {
                    review: crate::desk::Request {
                        names: path("--expect"),
                        parent: path("--parent"),
                        year,
                        aliases: path("--alias"),
                        ..Default::default()
                    },
                    summary: path("--summary"),
                    compare: path("--compare"),
                    force: p.flag("--force"),
                },
            })
        }
        "install-desktop" => {
            let p = split(rest, &[], &["--remove", "--force"])?;
            match p.positional.as_slice() {
                [] => Ok(Command::InstallDesktop {
                    remove: p.flag("--remove"),
                    force: p.flag("--force"),
                }),
                _ => Err(usage("install-desktop 只接受 --remove 和 --force")),
            }
        }
        "sum" => {
            let p = split(
                rest,
                &["--organ", "--year", "--alias", "-o", "--output"],
                &["--force"],
            )?;
            if p.positional.is_empty() {
                return Err(usage("sum 需要至少一个报告文件夹或文件"));
            }
            let organ = p.required_text(&["--organ"])?.trim().to_string();
            if organ.is_empty() || organ.chars().any(char::is_control) {
                return Err(usage("汇总报告的机关名称不能为空，也不能含有控制字符"));
            }
            Ok(Command::Sum {
                inputs: p.positional.iter().map(PathBuf::from).collect(),
                organ,
                year: year_option(&p)?,
                aliases: p.option(&["--alias"]).map(PathBuf::from),
                out: p.required(&["-o", "--output"])?.into(),
                force: p.flag("--force"),
            })
        }
        "answer" => {
            let p = split(rest, &["--rule", "--cell", "--reason", "--prev"], &[])?;
            let [file] = p.positional.as_slice() else {
                return Err(usage("answer 需要且只需要一个报告文件"));
            };
            Ok(Command::Answer(super::answer::AnswerArgs {
                file: file.into(),
                rule: p.required_text(&["--rule"])?,
                cell: p
                    .option(&["--cell"])
                    .map(|c| text("--cell", c))
                    .transpose()?,
                reason: p.required_text(&["--reason"])?,
                prev: p.option(&["--prev"]).map(PathBuf::from),
            }))
        }
        "compare" => {
            let p = split(rest, &["-o", "--output"], &["--force"])?;
            let [this, last] = p.positional.as_slice() else {
                return Err(usage("compare 需要本年和上年两个报告文件"));
            };
            Ok(Command::Compare {
                this: this.into(),
                last: last.into(),
                out: p.required(&["-o", "--output"])?.into(),
                force: p.flag("--force"),
            })
        }
        "draft" => match split(rest, &[], &[])?.positional.as_slice() {
            [file, section] => Ok(Command::Draft {
                file: file.into(),
                section: text("部分", section.clone())?,
            }),
            _ => Err(usage(
                "draft 需要一个报告文件和一个部分（如 overview 或 一）",
            )),
        },
        "cells" => match split(rest, &[], &[])?.positional.as_slice() {
            [file] => Ok(Command::Cells { file: file.into() }),
            _ => Err(usage("cells 需要且只需要一个报告文件")),
        },
        "new" => {
            let p = split(
                rest,
                &["--year", "--organ", "--from", "-o", "--output"],
                &["--force"],
            )?;
            if let Some(extra) = p.positional.first() {
                return Err(usage(format!("多余的参数 {}", extra.to_string_lossy())));
            }
            let year_text = p.required_text(&["--year"])?;
            let year = crate::model::parse_year(&year_text)
                .ok_or_else(|| usage(crate::model::invalid_year(&year_text)))?;
            let organ = p.required_text(&["--organ"])?.trim().to_string();
            if organ.is_empty() {
                return Err(usage("机关名称不能为空"));
            }
            if organ
                .chars()
                .any(|c| c.is_control() || crate::file::escape::unpublishable(c))
            {
                return Err(usage(
                    "机关名称不能含有控制字符（换行、制表符、方向控制符等）",
                ));
            }
            Ok(Command::New {
                year,
                organ,
                from: p.option(&["--from"]).map(PathBuf::from),
                out: p.required(&["-o", "--output"])?.into(),
                force: p.flag("--force"),
            })
        }
        "convert" => {
            let p = split(rest, &["-o", "--output"], &["--force", "--verbose", "-v"])?;
            match p.positional.as_slice() {
                [input] => Ok(Command::Convert {
                    input: input.into(),
                    out: p.required(&["-o", "--output"])?.into(),
                    force: p.flag("--force"),
                    verbose: p.flag("--verbose") || p.flag("-v"),
                }),
                _ => Err(usage("convert 需要且只需要一个输入文件")),
            }
        }
        other if other.starts_with('-') => Err(usage(format!("不认识的选项 {other}"))),
        _ => match rest {
            [] if names_a_file(first) => Ok(Command::Open(Some(first.into()))),
            _ => Err(Failure::input(format!(
                "未知命令“{}”。可用的命令：check、cells、answer、draft、compare、new、convert、sum、install-desktop、help；\
                 要打开报告请给出文件名（运行 nianbao help 查看用法）",
                first.to_string_lossy()
            ))),
        },
    }
}

/// `--year` when given, as a report year.
fn year_option(p: &Parsed) -> Result<Option<i32>, Failure> {
    let Some(v) = p.option(&["--year"]) else {
        return Ok(None);
    };
    let text = text("--year", v)?;
    crate::model::parse_year(&text)
        .map(Some)
        .ok_or_else(|| usage(crate::model::invalid_year(&text)))
}

/// Whether a lone argument is a file to open rather than a mistyped command: it exists, or it
/// has an extension or a folder in it (a report that is missing is the window's to say).
fn names_a_file(arg: &OsStr) -> bool {
    let path = Path::new(arg);
    path.exists() || path.extension().is_some() || path.components().count() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(parse_args(&[]).unwrap(), Command::Open(None));
        assert_eq!(
            parse_args(&args("check a.nianbao b.json --prev=p.nianbao --json")).unwrap(),
            Command::Check {
                files: vec!["a.nianbao".into(), "b.json".into()],
                prev: Some("p.nianbao".into()),
                json: true,
                desk: Default::default(),
            }
        );
        assert_eq!(
            parse_args(&args("new --year 2025 --organ 某镇 -o x.nianbao")).unwrap(),
            Command::New {
                year: 2025,
                organ: "某镇".into(),
                from: None,
                out: "x.nianbao".into(),
                force: false
            }
        );
        assert_eq!(
            parse_args(&args("convert a.json -o b.nianbao --force")).unwrap(),
            Command::Convert {
                input: "a.json".into(),
                out: "b.nianbao".into(),
                force: true,
                verbose: false,
            }
        );
    }

    #[test]
    fn refuses_bad_arguments_with_exit_2() {
        for bad in [
            "check",
            "cells",
            "cells a b",
            "new --year 25 --organ x -o y",
            "new --organ x -o y",
            "convert a",
            "check a --bogus",
            "answer a --rule X-JUMP",
            "answer --reason r --rule X-JUMP",
            "new --year 2025 --organ x -o a -o b",
        ] {
            let e = parse_args(&args(bad)).unwrap_err();
            assert_eq!(e.code, 2, "{bad}");
            assert!(e.message.contains("nianbao help"), "{bad}: {}", e.message);
        }
    }
}
