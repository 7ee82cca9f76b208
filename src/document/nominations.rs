//! A unit's nominations for a period, with their verdicts, votes and bonuses, and
//! the three documents made of them: the nomination list, the council's minutes and
//! the decision with its annex.

use chrono::NaiveDate;
use docx_rs::AlignmentType;

use crate::award::catalogue::{RecipientKind, TitleCode, codes};
use crate::dataset::file::Model;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::document::layout::{
    BODY, Block, Cell, DocumentSettings, Look, Page, SMALL, blank, body, body_runs, date_in_words,
    grid, line, mentions, run,
};
use crate::people::member::Role;
use crate::rules::bonus::{Bonus, bonus};
use crate::rules::council::{CouncilThreshold, council_threshold};
use crate::rules::engine::{Candidate, Outcome, QuotaCheck, Status, Verdict};
use crate::rules::facts::{CouncilVote, MemberFacts};
use crate::rules::regime::{RegimeId, ReviewContext, RuleError};
use crate::value::format::{Lang, format_integer};
use crate::value::id::{MemberId, UnitId};
use crate::value::money::{Vnd, VndSum};
use crate::value::period::Period;
use crate::value::ratio::Ratio;
use crate::value::text::{PersonName, ViCollator};

/// One nomination of a member for a title: who, where, the grounds, the verdict,
/// the council's vote and the bonus the decision would pay.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Nominee {
    /// The member.
    pub member: MemberId,
    /// The member's name, when the dataset has it.
    pub name: Option<PersonName>,
    /// The member's role.
    pub role: Option<Role>,
    /// The name of the member's unit on the period's last day.
    pub unit_name: String,
    /// The title proposed.
    pub title: TitleCode,
    /// The title's label (*Chiến sĩ thi đua cơ sở*).
    pub title_label: String,
    /// The grounds as the list writes them: grade, initiatives with their level,
    /// consecutive years.
    pub grounds: String,
    /// The verdict of the rules in force.
    pub verdict: Verdict,
    /// The council's vote, when recorded.
    pub vote: Option<CouncilVote>,
    /// The share of all the council's members the title needs by decree (ND
    /// 152/2025/NĐ-CP Điều 33 khoản 5: 90 % for "Chiến sĩ thi đua toàn quốc", 80 %
    /// for "Cờ thi đua của Chính phủ"); `None` where the council's own majority
    /// applies.
    pub council: Option<CouncilThreshold>,
    /// The bonus for the title on the decision's day (ND 152/2025 Điều 49: rounded
    /// up to the next 10.000 đồng), or why it cannot be computed.
    pub bonus: Bonus,
}

impl Nominee {
    /// The name as documents write it; a member without one is named by id.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => n.as_str().to_owned(),
            None => format!("(đoàn viên {})", self.member),
        }
    }

    /// Whether the council carried the nomination: a possible vote whose votes for
    /// exceed `approval_percent` of the members present — or, for a title whose share
    /// the decree sets ([`Nominee::council`]), whose votes for reach that share of
    /// all the council's members, which the vote must then record
    /// ([`CouncilVote::with_members`]).
    pub fn is_carried(&self, approval_percent: u32) -> bool {
        self.vote.is_some_and(|v| {
            v.is_possible()
                && match &self.council {
                    Some(t) => v.members().is_some_and(|m| t.is_reached(v.in_favour(), m)),
                    None => {
                        u64::from(v.in_favour()) * 100
                            > u64::from(v.present()) * u64::from(approval_percent)
                    }
                }
        })
    }

    /// Whether the decision confers the title: eligible under the rules and carried
    /// by the council.
    pub fn is_conferred(&self, approval_percent: u32) -> bool {
        self.verdict.outcome() == Outcome::Eligible && self.is_carried(approval_percent)
    }
}

/// A unit's nominations for a period, decided on a day: the nominees of its subtree
/// in Vietnamese order by title, each with its verdict, vote and bonus, and the
/// CSTĐCS quota check of the list. The documents are written from it.
///
/// ```
/// use thidua::{Dataset, DocumentSettings, Nominations};
///
/// let text = include_str!("../../tests/documents/nominations.json");
/// let model = Dataset::from_json(text).map_err(|d| d.to_string())?
///     .into_model().map_err(|d| d.to_string())?;
/// let unit = model.hierarchy.unit_by_code("HN.THCS-NL").ok_or("unit")?;
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 8, 20).ok_or("date")?;
/// let nominations = Nominations::of_model(&model, unit, "2024-2025".parse()?, day)
///     .map_err(|d| d.to_string())?;
/// assert_eq!(nominations.nominees().len(), 3);
/// let settings = DocumentSettings::for_unit(&model.hierarchy, unit, day).ok_or("unit")?;
/// let docx = nominations.decision_docx(&settings).map_err(|d| d.to_string())?;
/// assert!(docx.starts_with(b"PK"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Nominations {
    unit_name: String,
    period: Period,
    decided_on: NaiveDate,
    regime: RegimeId,
    nominees: Vec<Nominee>,
    quota: Option<QuotaCheck>,
}

/// Titles listed first, highest first; others follow by code.
const TITLE_ORDER: &[&str] = &[codes::CSTDTQ, codes::CSTD_TINH, codes::CSTDCS, codes::LDTT];

fn title_rank(title: &TitleCode) -> (usize, String) {
    let at = TITLE_ORDER
        .iter()
        .position(|t| title.as_str() == *t)
        .unwrap_or(TITLE_ORDER.len());
    (at, title.as_str().to_owned())
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut out = Diagnostics::new();
    out.push(d);
    out
}

fn rule_error(e: &RuleError) -> Diagnostic {
    match e {
        RuleError::NoRegime { date } => {
            Diagnostic::of("document.no_regime", Severity::Error, Location::Whole)
                .date("date", *date)
        }
        other => {
            Diagnostic::of("document.rules", Severity::Error, Location::Whole).arg("error", other)
        }
    }
}

/// The grounds of a nomination as a list writes them.
fn grounds(facts: &MemberFacts, title: &TitleCode, year: i32, title_label: &str) -> String {
    let mut parts = Vec::new();
    if let Some(g) = facts.grade() {
        parts.push(g.label_vi().to_owned());
    }
    if let Some(initiatives) = facts.initiatives()
        && !initiatives.is_empty()
    {
        let list: Vec<String> = initiatives
            .iter()
            .map(|i| {
                format!(
                    "{} {} ({})",
                    i.kind().label_vi(),
                    i.level().label_vi(),
                    i.recognised_on().format("%d/%m/%Y")
                )
            })
            .collect();
        parts.push(capitalise(&list.join("; ")));
    }
    if let Some(history) = facts.history() {
        let mut streak = 0;
        let mut y = year - 1;
        while history
            .iter()
            .any(|p| p.title() == title && p.year() == y && p.first_year().is_none())
        {
            streak += 1;
            y -= 1;
        }
        if streak > 0 {
            parts.push(format!(
                "{} năm liền trước đạt {title_label} ({}–{})",
                streak,
                year - streak,
                year - 1
            ));
        }
    }
    if parts.is_empty() {
        "không có dữ liệu".to_owned()
    } else {
        parts.join("; ")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Nominations {
    /// The nominations recorded in a model's facts for a period (each member's
    /// `nominations`, with the council's votes) of the members of `unit`'s subtree
    /// on the period's last day, evaluated under the rules in force for a decision
    /// on `decided_on`, with the bonus of a decision that day.
    ///
    /// # Errors
    /// [`Diagnostics`]: `document.unknown_unit` when the unit does not exist on the
    /// period's last day, `document.no_regime` when no regime covers the decision's
    /// day, `document.rules` when a title cannot be evaluated,
    /// `document.no_nominations` when nobody of the subtree is nominated.
    pub fn of_model(
        model: &Model,
        unit: UnitId,
        period: Period,
        decided_on: NaiveDate,
    ) -> Result<Nominations, Diagnostics> {
        let mut context = ReviewContext::new(period).decision_on(decided_on);
        if let Some(c) = &model.meta.calendar {
            context = context.with_calendar(c.clone());
        }
        let (_, end) = context.span();
        let regime = context.regime().map_err(|e| one(rule_error(&e)))?;
        let snapshot = model.hierarchy.as_of(end);
        let scope = snapshot.node(unit).ok_or_else(|| {
            one(
                Diagnostic::of("document.unknown_unit", Severity::Error, Location::Whole)
                    .arg("unit", unit)
                    .date("date", end),
            )
        })?;
        let unit_name = snapshot
            .name(scope)
            .map(|n| n.as_str().to_owned())
            .unwrap_or_else(|| snapshot.code(scope).as_str().to_owned());
        let evaluator = model.evaluator();
        let mut nominees = Vec::new();
        for record in model.facts.iter().filter(|r| r.period == period) {
            let Some(nominations) = record.facts.nominations() else {
                continue;
            };
            let Some(node) = model
                .roster
                .unit_of(record.member, end)
                .and_then(|u| snapshot.node(u))
            else {
                continue;
            };
            if !snapshot.contains(scope, node) {
                continue;
            }
            let jurisdiction: Vec<UnitId> = std::iter::once(node)
                .chain(snapshot.ancestors(node))
                .map(|n| snapshot.id(n))
                .collect();
            let person = model.roster.member(record.member);
            for n in nominations {
                let verdict = evaluator
                    .evaluate(
                        Candidate::Member(&record.facts),
                        n.title().as_str(),
                        &context,
                        &jurisdiction,
                    )
                    .map_err(|e| one(rule_error(&e)))?;
                let def = model.catalogue.get(n.title().as_str());
                let title_label = def
                    .map(|d| d.label_vi().to_owned())
                    .unwrap_or_else(|| n.title().to_string());
                let paid = match def {
                    Some(def) => bonus(def, RecipientKind::Individual, decided_on, None),
                    None => Bonus::Unknown(crate::rules::bonus::BonusUnknown {
                        regime: None,
                        citation: None,
                        reason_vi: "danh hiệu không có trong danh mục".to_owned(),
                        reason_en: "the title is not in the catalogue".to_owned(),
                    }),
                };
                nominees.push(Nominee {
                    member: record.member,
                    name: person.and_then(|p| p.name()).cloned(),
                    role: person.and_then(|p| p.role()),
                    unit_name: snapshot
                        .name(node)
                        .map(|x| x.as_str().to_owned())
                        .unwrap_or_default(),
                    title: n.title().clone(),
                    grounds: grounds(&record.facts, n.title(), context.year_index(), &title_label),
                    title_label,
                    verdict,
                    vote: n.vote().copied(),
                    council: council_threshold(n.title(), decided_on),
                    bonus: paid,
                });
            }
        }
        if nominees.is_empty() {
            return Err(one(Diagnostic::of(
                "document.no_nominations",
                Severity::Error,
                Location::Whole,
            )
            .quoted("unit", &unit_name)
            .words("period", period.label_vi(), period.label_en())));
        }
        if let Ok(collator) = ViCollator::shared() {
            nominees.sort_by(|a, b| {
                title_rank(&a.title)
                    .cmp(&title_rank(&b.title))
                    .then_with(|| match (&a.name, &b.name) {
                        (Some(x), Some(y)) => collator.compare_people(x, y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => a.member.cmp(&b.member),
                    })
            });
        }
        let count = |code: &str| {
            u32::try_from(nominees.iter().filter(|n| n.title == code).count()).unwrap_or(u32::MAX)
        };
        let quota = if count(codes::CSTDCS) > 0 {
            let jurisdiction: Vec<UnitId> = std::iter::once(scope)
                .chain(snapshot.ancestors(scope))
                .map(|n| snapshot.id(n))
                .collect();
            evaluator
                .check_quota(
                    &context,
                    &jurisdiction,
                    count(codes::LDTT),
                    count(codes::CSTDCS),
                )
                .ok()
        } else {
            None
        };
        Ok(Nominations {
            unit_name,
            period,
            decided_on,
            regime: regime.regime(),
            nominees,
            quota,
        })
    }

    /// The nominees, by title (highest first), then in Vietnamese name order.
    pub fn nominees(&self) -> &[Nominee] {
        &self.nominees
    }

    /// The quota check of the list (CSTĐCS per LĐTT proposed), when it proposes
    /// CSTĐCS.
    pub fn quota(&self) -> Option<&QuotaCheck> {
        self.quota.as_ref()
    }

    /// The day of the decision the verdicts and bonuses are for.
    pub fn decided_on(&self) -> NaiveDate {
        self.decided_on
    }

    /// The period of the nominations.
    pub fn period(&self) -> &Period {
        &self.period
    }

    /// The regime the verdicts were decided under.
    pub fn regime(&self) -> RegimeId {
        self.regime
    }

    /// The nominees a decision confers titles on: eligible and carried by the
    /// council.
    pub fn conferred(&self, approval_percent: u32) -> impl Iterator<Item = &Nominee> + '_ {
        self.nominees
            .iter()
            .filter(move |n| n.is_conferred(approval_percent))
    }

    /// The sum of the known bonuses of those conferred, and how many are unknown.
    ///
    /// # Errors
    /// `document.money` when the sum does not fit in đồng.
    pub fn bonus_total(&self, approval_percent: u32) -> Result<(Vnd, usize), Diagnostics> {
        let mut sum = VndSum::default();
        let mut unknown = 0;
        for n in self.conferred(approval_percent) {
            match n.bonus.amount() {
                Some(a) => sum.add(a),
                None => unknown += 1,
            }
        }
        let total = sum.total().map_err(|e| {
            one(Diagnostic::of("document.money", Severity::Error, Location::Whole).arg("error", e))
        })?;
        Ok((total, unknown))
    }

    fn titles_phrase(&self, who: impl Iterator<Item = TitleCode>) -> String {
        let mut titles: Vec<TitleCode> = who.collect();
        titles.sort_by_key(title_rank);
        titles.dedup();
        let labels: Vec<String> = titles
            .iter()
            .map(|t| {
                self.nominees
                    .iter()
                    .find(|n| &n.title == t)
                    .map(|n| format!("“{}”", n.title_label))
                    .unwrap_or_default()
            })
            .collect();
        labels.join(", ")
    }

    /// The nomination list (*danh sách đề nghị khen thưởng*) as a DOCX file.
    ///
    /// # Errors
    /// `document.write` when the file cannot be assembled.
    pub fn list_docx(&self, settings: &DocumentSettings) -> Result<Vec<u8>, Diagnostics> {
        let period = self.period.label_vi();
        let mut blocks = vec![Block::Paragraph(Box::new(body(format!(
            "{} đề nghị khen thưởng các cá nhân có tên dưới đây, đã đạt thành tích trong {period}:",
            settings.issuing_body
        ))))];
        let widths = [700, 2100, 2300, 1500, 2754];
        let rows = self
            .nominees
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    Cell::centre((i + 1).to_string()),
                    Cell::left(n.display_name()),
                    Cell::left(position(n)),
                    Cell::left(&n.title_label),
                    Cell::left(format!(
                        "{}. Kết quả xét: {}",
                        n.grounds,
                        n.verdict.outcome().label_vi()
                    )),
                ]
            })
            .collect();
        blocks.push(Block::Table(Box::new(grid(
            &[
                "STT",
                "Họ và tên",
                "Chức vụ, đơn vị",
                "Danh hiệu đề nghị",
                "Thành tích (căn cứ xét)",
            ],
            &widths,
            rows,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        let mut summary: Vec<String> = Vec::new();
        let mut titles: Vec<&TitleCode> = self.nominees.iter().map(|n| &n.title).collect();
        titles.dedup();
        for t in titles {
            let k = self.nominees.iter().filter(|n| &n.title == t).count();
            let label = self
                .nominees
                .iter()
                .find(|n| &n.title == t)
                .map(|n| n.title_label.clone())
                .unwrap_or_default();
            summary.push(format!(
                "{label}: {} người",
                format_integer(k as i128, Lang::Vi)
            ));
        }
        blocks.push(Block::Paragraph(Box::new(body(format!(
            "Tổng số đề nghị: {} ({}).",
            format_integer(self.nominees.len() as i128, Lang::Vi),
            summary.join("; ")
        )))));
        if let Some(q) = &self.quota {
            let text = match q.allowed() {
                Some(allowed) => format!(
                    "Tỷ lệ Chiến sĩ thi đua cơ sở: {} đề nghị trên {} Lao động tiên tiến; tối đa {}% là {} người ({}). {}",
                    q.proposed(),
                    q.ldtt(),
                    q.percent(),
                    format_integer(i128::from(allowed), Lang::Vi),
                    q.citation(),
                    if q.is_within() {
                        "Danh sách trong giới hạn."
                    } else {
                        "Danh sách VƯỢT giới hạn."
                    }
                ),
                None => format!(
                    "Tỷ lệ Chiến sĩ thi đua cơ sở: {} đề nghị trên {} Lao động tiên tiến; không có giới hạn tỷ lệ trong chế độ đang áp dụng.",
                    q.proposed(),
                    q.ldtt()
                ),
            };
            blocks.push(Block::Paragraph(Box::new(body(text))));
        }
        blocks.push(Block::Signature { recipients: true });
        Page {
            settings,
            kind: "DS",
            kind_title: "DANH SÁCH".to_owned(),
            subject: vec![
                "Đề nghị khen thưởng".to_owned(),
                format!("{} – {period}", self.unit_name),
            ],
            blocks,
        }
        .into_docx()
    }

    /// The council's minutes (*biên bản họp Hội đồng Thi đua – Khen thưởng*) as a
    /// DOCX file: the meeting's day, the members present, each nomination with its
    /// votes for and against and their share, the result, and the verdicts it
    /// rests on.
    ///
    /// # Errors
    /// `document.no_votes` when no nomination has a recorded vote;
    /// `document.write` when the file cannot be assembled.
    pub fn minutes_docx(&self, settings: &DocumentSettings) -> Result<Vec<u8>, Diagnostics> {
        let held_on = self
            .nominees
            .iter()
            .filter_map(|n| n.vote.map(|v| v.held_on()))
            .min()
            .ok_or_else(|| {
                one(
                    Diagnostic::of("document.no_votes", Severity::Error, Location::Whole)
                        .quoted("unit", &self.unit_name),
                )
            })?;
        let present = self
            .nominees
            .iter()
            .filter_map(|n| n.vote.map(|v| v.present()))
            .max()
            .unwrap_or(0);
        let mut blocks = vec![
            Block::Paragraph(Box::new(body(format!(
                "Hôm nay, {}, tại {}, Hội đồng Thi đua – Khen thưởng họp xét đề nghị khen thưởng {}.",
                date_in_words(held_on),
                settings.issuing_body,
                self.period.label_vi()
            )))),
            Block::Paragraph(Box::new(body_runs(vec![
                run("Thành phần dự họp: ", Look::bold(BODY)),
                run(
                    format!("{} thành viên Hội đồng có mặt.", present),
                    Look::plain(BODY),
                ),
            ]))),
        ];
        for m in &settings.council_members {
            blocks.push(Block::Paragraph(Box::new(body(format!("- {m}")))));
        }
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![run(
            "Nội dung: Hội đồng xem xét từng trường hợp theo tiêu chuẩn và biểu quyết, kết quả như sau:",
            Look::plain(BODY),
        )]))));
        let widths = [700, 2100, 1700, 1050, 1150, 1050, 1604];
        let rows = self
            .nominees
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (yes, no, share) = match n.vote {
                    Some(v) => (
                        v.in_favour().to_string(),
                        v.against().to_string(),
                        match (&n.council, v.members()) {
                            // The decree's share is of every member of the council.
                            (Some(_), Some(m)) => {
                                Ratio::new(u64::from(v.in_favour()), u64::from(m))
                                    .map(|r| {
                                        format!("{} trên {m}", r.to_percent_string(1, Lang::Vi))
                                    })
                                    .unwrap_or_default()
                            }
                            _ => v
                                .share_in_favour()
                                .map(|r| r.to_percent_string(1, Lang::Vi))
                                .unwrap_or_default(),
                        },
                    ),
                    None => ("—".to_owned(), "—".to_owned(), "—".to_owned()),
                };
                let unknown_size =
                    n.council.is_some() && n.vote.is_some_and(|v| v.members().is_none());
                let result = match (n.vote.is_some(), n.is_conferred(settings.approval_percent)) {
                    (false, _) => "Chưa biểu quyết",
                    (true, _) if unknown_size => "Chưa ghi tổng số thành viên Hội đồng",
                    (true, true) => "Đề nghị khen thưởng",
                    (true, false) if !n.is_carried(settings.approval_percent) => {
                        "Không đủ số phiếu"
                    }
                    (true, false) => "Không đủ tiêu chuẩn",
                };
                vec![
                    Cell::centre((i + 1).to_string()),
                    Cell::left(n.display_name()),
                    Cell::left(&n.title_label),
                    Cell::centre(yes),
                    Cell::centre(no),
                    Cell::centre(share),
                    Cell::left(result),
                ]
            })
            .collect();
        blocks.push(Block::Table(Box::new(grid(
            &[
                "STT",
                "Họ và tên",
                "Danh hiệu",
                "Tán thành",
                "Không tán thành",
                "Tỷ lệ tán thành",
                "Kết quả",
            ],
            &widths,
            rows,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![run(
            "Căn cứ kết quả xét theo tiêu chuẩn:",
            Look::bold(BODY),
        )]))));
        for n in &self.nominees {
            // What did not pass is said in full; what passed is cited.
            let mut cited: Vec<String> = Vec::new();
            let mut failed: Vec<String> = Vec::new();
            for f in n.verdict.findings() {
                match f.status() {
                    Status::NotApplicable => {}
                    Status::Pass => {
                        let source = f.sources();
                        if !cited.contains(&source) {
                            cited.push(source);
                        }
                    }
                    _ => {
                        let text = format!("{} ({})", f.message_vi(), f.sources());
                        if !failed.contains(&text) {
                            failed.push(text);
                        }
                    }
                }
            }
            let mut text = format!(
                "- {} – {}: {}",
                n.display_name(),
                n.title_label,
                n.verdict.outcome().label_vi()
            );
            if !failed.is_empty() {
                text.push_str(&format!(": {}", failed.join("; ")));
            }
            if !cited.is_empty() {
                text.push_str(&format!("; đạt theo {}", cited.join("; ")));
            }
            text.push('.');
            blocks.push(Block::Paragraph(Box::new(body(text))));
        }
        // The titles whose share the decree sets, each said once with its provision.
        let mut by_decree: Vec<(&str, &CouncilThreshold)> = Vec::new();
        for n in &self.nominees {
            if let Some(t) = &n.council
                && !by_decree.iter().any(|(label, _)| *label == n.title_label)
            {
                by_decree.push((n.title_label.as_str(), t));
            }
        }
        let except = if by_decree.is_empty() {
            ""
        } else {
            ", trừ các danh hiệu nêu trên"
        };
        for (label, t) in by_decree {
            blocks.push(Block::Paragraph(Box::new(body(format!(
                "Đề nghị danh hiệu \"{label}\" phải có tỷ lệ phiếu đồng ý của Hội đồng từ {}% trở lên tính trên tổng số thành viên của Hội đồng ({}).",
                t.percent, t.citation
            )))));
        }
        let conferred = self.conferred(settings.approval_percent).count();
        blocks.push(Block::Paragraph(Box::new(body(format!(
            "Kết luận: Hội đồng thống nhất đề nghị khen thưởng {} trường hợp (tỷ lệ tán thành phải trên {}% số thành viên dự họp{except}). Biên bản kết thúc vào cùng ngày, đã thông qua trước Hội đồng.",
            format_integer(conferred as i128, Lang::Vi),
            settings.approval_percent
        )))));
        blocks.push(Block::MinutesSignatures);
        Page {
            settings,
            kind: "BB",
            kind_title: "BIÊN BẢN".to_owned(),
            subject: vec![format!(
                "Họp Hội đồng Thi đua – Khen thưởng {}",
                self.period.label_vi()
            )],
            blocks,
        }
        .into_docx()
    }

    /// The legal bases (*Căn cứ …*) of a decision: the law and decree of the regime,
    /// then every other document the verdicts cited (a province's or union's own
    /// rules among them) and the decree setting the base salary of the bonuses.
    pub fn legal_bases(&self) -> Vec<String> {
        let mut out: Vec<String> = match self.regime {
            RegimeId::Nd91 => vec![
                "Luật Thi đua, khen thưởng năm 2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng năm 2013".to_owned(),
                "Nghị định số 91/2017/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng".to_owned(),
            ],
            RegimeId::Nd98 => vec![
                "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022".to_owned(),
                "Nghị định số 98/2023/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng".to_owned(),
                "Thông tư số 01/2024/TT-BNV của Bộ Nội vụ".to_owned(),
            ],
            _ => vec![
                "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022".to_owned(),
                "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng".to_owned(),
            ],
        };
        let known = |out: &[String], doc: &str| match doc_number(doc) {
            Some(number) => out.iter().any(|o| doc_number(o) == Some(number)),
            // The law of the regime, however a finding abbreviates it.
            None if mentions(doc, "Luật Thi đua") || mentions(doc, "Luật TĐKT") => {
                out.iter().any(|o| mentions(o, "Luật Thi đua"))
            }
            None => out.iter().any(|o| mentions(o, doc)),
        };
        let mut extra: Vec<String> = Vec::new();
        for n in &self.nominees {
            for f in n.verdict.findings() {
                let doc = f.citation().document().to_owned();
                if !doc.is_empty() && !known(&out, &doc) && !extra.contains(&doc) {
                    extra.push(doc);
                }
                for p in f.overridden_parameters() {
                    if let Some(o) = p.overridden_by() {
                        let doc = o.citation().document().to_owned();
                        if !doc.is_empty() && !known(&out, &doc) && !extra.contains(&doc) {
                            extra.push(doc);
                        }
                    }
                }
            }
            if let Bonus::Amount(a) = &n.bonus {
                let doc = a.base_salary_source.document().to_owned();
                if !known(&out, &doc) && !extra.contains(&doc) {
                    extra.push(doc);
                }
            }
        }
        out.extend(extra);
        out
    }

    /// The decision (*quyết định khen thưởng*) with its annex (*phụ lục*: the
    /// recipients, each one's bonus and the total) as a DOCX file. Only nominees
    /// eligible under the rules and carried by the council are conferred.
    ///
    /// # Errors
    /// `document.nobody_conferred` when no nominee is both eligible and carried;
    /// `document.money` when the total does not fit; `document.write` when the file
    /// cannot be assembled.
    pub fn decision_docx(&self, settings: &DocumentSettings) -> Result<Vec<u8>, Diagnostics> {
        let approval = settings.approval_percent;
        let conferred: Vec<&Nominee> = self.conferred(approval).collect();
        if conferred.is_empty() {
            return Err(one(Diagnostic::of(
                "document.nobody_conferred",
                Severity::Error,
                Location::Whole,
            )
            .quoted("unit", &self.unit_name)));
        }
        let (total, unknown) = self.bonus_total(approval)?;
        let titles = self.titles_phrase(conferred.iter().map(|n| n.title.clone()));
        let period = self.period.label_vi();
        let reference = settings.reference("QĐ");
        let mut blocks = vec![
            Block::Paragraph(Box::new(line(
                format!("BAN CHẤP HÀNH {}", settings.issuing_body.to_uppercase()),
                Look::bold(BODY),
                AlignmentType::Center,
            ))),
            Block::Paragraph(Box::new(blank(SMALL))),
        ];
        for basis in self.legal_bases() {
            blocks.push(Block::Paragraph(Box::new(body_runs(vec![run(
                format!("Căn cứ {basis};"),
                Look::italic(BODY),
            )]))));
        }
        if let Some(held) = self
            .nominees
            .iter()
            .filter_map(|n| n.vote.map(|v| v.held_on()))
            .min()
        {
            blocks.push(Block::Paragraph(Box::new(body_runs(vec![run(
                format!(
                    "Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng {};",
                    date_in_words(held)
                ),
                Look::italic(BODY),
            )]))));
        }
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![run(
            format!(
                "Xét đề nghị của Hội đồng Thi đua – Khen thưởng {},",
                settings.issuing_body
            ),
            Look::italic(BODY),
        )]))));
        blocks.push(Block::Paragraph(Box::new(line(
            "QUYẾT ĐỊNH:",
            Look::bold(BODY),
            AlignmentType::Center,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![
            run("Điều 1. ", Look::bold(BODY)),
            run(
                format!(
                    "Tặng danh hiệu {titles} {period} cho {} cá nhân có tên trong danh sách kèm theo Quyết định này (Phụ lục).",
                    format_integer(conferred.len() as i128, Lang::Vi)
                ),
                Look::plain(BODY),
            ),
        ]))));
        let money = match unknown {
            k if k == conferred.len() => {
                "Mức tiền thưởng thực hiện theo quy định hiện hành về thi đua, khen thưởng."
                    .to_owned()
            }
            0 => format!(
                "Mức tiền thưởng của mỗi cá nhân ghi tại Phụ lục, bằng hệ số nhân với mức lương cơ sở và làm tròn lên hàng chục nghìn đồng; tổng số tiền thưởng là {}.",
                total.to_dong_string(Lang::Vi)
            ),
            k => format!(
                "Mức tiền thưởng của mỗi cá nhân ghi tại Phụ lục; tổng số tiền thưởng đã xác định là {}, còn {} trường hợp chưa xác định được mức thưởng theo quy định hiện hành.",
                total.to_dong_string(Lang::Vi),
                format_integer(k as i128, Lang::Vi)
            ),
        };
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![
            run("Điều 2. ", Look::bold(BODY)),
            run(
                format!(
                    "{money} Kinh phí khen thưởng chi từ quỹ thi đua, khen thưởng của {}.",
                    settings.issuing_body
                ),
                Look::plain(BODY),
            ),
        ]))));
        blocks.push(Block::Paragraph(Box::new(body_runs(vec![
            run("Điều 3. ", Look::bold(BODY)),
            run(
                "Quyết định có hiệu lực kể từ ngày ký. Văn phòng, các bộ phận liên quan và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                Look::plain(BODY),
            ),
        ]))));
        let mut with_as_per = settings.clone();
        with_as_per.recipients.insert(0, "Như Điều 3".to_owned());
        blocks.push(Block::Signature { recipients: true });
        // The annex on a page of its own.
        blocks.push(Block::Paragraph(Box::new(
            line("PHỤ LỤC", Look::bold(BODY), AlignmentType::Center).page_break_before(true),
        )));
        blocks.push(Block::Paragraph(Box::new(line(
            format!(
                "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG {}",
                period.to_uppercase()
            ),
            Look::bold(BODY),
            AlignmentType::Center,
        ))));
        blocks.push(Block::Paragraph(Box::new(line(
            format!(
                "(Kèm theo Quyết định số {reference} {} của {})",
                date_in_words(settings.date),
                settings.issuing_body
            ),
            Look::italic(BODY),
            AlignmentType::Center,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        let widths = [700, 2300, 2400, 1900, 2054];
        let mut rows: Vec<Vec<Cell>> = conferred
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    Cell::centre((i + 1).to_string()),
                    Cell::left(n.display_name()),
                    Cell::left(position(n)),
                    Cell::left(&n.title_label),
                    match n.bonus.amount() {
                        Some(a) => Cell::right(format_integer(i128::from(a.get()), Lang::Vi)),
                        None => Cell::centre("chưa xác định"),
                    },
                ]
            })
            .collect();
        rows.push(vec![
            Cell::centre("Tổng cộng").bold().spanning(4),
            match unknown {
                0 => Cell::right(format_integer(i128::from(total.get()), Lang::Vi)),
                k if k == conferred.len() => Cell::centre("chưa xác định"),
                k => Cell::right(format!(
                    "{} (chưa gồm {k} trường hợp)",
                    format_integer(i128::from(total.get()), Lang::Vi)
                )),
            }
            .bold(),
        ]);
        blocks.push(Block::Table(Box::new(grid(
            &[
                "STT",
                "Họ và tên",
                "Chức vụ, đơn vị",
                "Danh hiệu",
                "Tiền thưởng (đồng)",
            ],
            &widths,
            rows,
        ))));
        blocks.push(Block::Paragraph(Box::new(blank(SMALL))));
        let note = conferred
            .iter()
            .find_map(|n| match &n.bonus {
                Bonus::Amount(a) => Some(format!(
                    "Ghi chú: tiền thưởng = hệ số × mức lương cơ sở {} ({}), làm tròn lên hàng chục nghìn đồng ({}).",
                    a.base_salary.to_dong_string(Lang::Vi),
                    a.base_salary_source.document(),
                    a.rounding_citation
                )),
                Bonus::Unknown(_) => None,
            })
            .or_else(|| {
                conferred.iter().find_map(|n| match &n.bonus {
                    Bonus::Unknown(u) => Some(format!(
                        "Ghi chú: tiền thưởng ghi \"chưa xác định\" do cơ quan ban hành tính theo {}.",
                        match u.regime {
                            Some(RegimeId::Nd98) => "Nghị định 98/2023/NĐ-CP",
                            Some(RegimeId::Nd91) => "Nghị định 91/2017/NĐ-CP",
                            Some(RegimeId::Nd152) => "Nghị định 152/2025/NĐ-CP",
                            None => "văn bản quy định mức tiền thưởng áp dụng cho quyết định",
                        }
                    )),
                    Bonus::Amount(_) => None,
                })
            });
        if let Some(note) = note {
            blocks.push(Block::Paragraph(Box::new(line(
                note,
                Look::italic(SMALL),
                AlignmentType::Left,
            ))));
        }
        Page {
            settings: &with_as_per,
            kind: "QĐ",
            kind_title: "QUYẾT ĐỊNH".to_owned(),
            subject: vec![format!("Về việc khen thưởng {period}")],
            blocks,
        }
        .into_docx()
    }
}

/// A legal document's number and symbol (`152/2025/NĐ-CP`) in a text.
fn doc_number(text: &str) -> Option<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | '(' | ')')))
        .find(|w| w.matches('/').count() == 2 && w.starts_with(|c: char| c.is_ascii_digit()))
}

/// "Giáo viên, Trường THCS A".
fn position(n: &Nominee) -> String {
    match n.role {
        Some(r) => format!("{}, {}", capitalise(r.label_vi()), n.unit_name),
        None => n.unit_name.clone(),
    }
}
