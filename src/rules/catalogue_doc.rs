//! The rule catalogue rendered from code, kept in the repository as `docs/RULES.md`.

use crate::award::catalogue::Catalogue;
use crate::rules::law::{PRINCIPLES, Provision, Wording};
use crate::rules::param::ParamId;
use crate::rules::regime::RegimeId;
use crate::rules::rule::{DefaultState, RuleId};

/// A table of provisions: regimes and their dates, (value,) citation, confidence and
/// the law's words.
fn provisions_table<'a>(
    out: &mut String,
    rows: impl Iterator<Item = (Option<u32>, &'a Provision)>,
) {
    let rows: Vec<_> = rows.collect();
    let valued = rows.iter().any(|(v, _)| v.is_some());
    out.push_str(if valued {
        "| Regimes | Value | Citation | Conf. | The law's words |\n|---|---|---|---|---|\n"
    } else {
        "| Regimes | Citation | Conf. | The law's words |\n|---|---|---|---|\n"
    });
    for (value, p) in rows {
        let regimes: Vec<String> = p
            .regimes()
            .iter()
            .map(|r| {
                let (from, until) = r.span();
                format!("`{}` ({from} – {until})", r.code())
            })
            .collect();
        let c = p.citation();
        let wording = match p.wording() {
            Wording::Verbatim => "",
            Wording::Paraphrase => " *(paraphrase)*",
        };
        out.push_str(&format!(
            "| {} |{} {c}{} | {} | «{}»{wording} |\n",
            regimes.join("<br>"),
            value.map(|v| format!(" {v} |")).unwrap_or_default(),
            c.note_text().map(|n| format!(" ({n})")).unwrap_or_default(),
            c.confidence_level().mark(),
            p.quote().replace('|', "\\|"),
        ));
    }
}

/// Renders every built-in rule and parameter — code, title, regimes and their dates,
/// citation, confidence, and what it requires in Vietnamese and English — as
/// Markdown. The repository keeps the result in `docs/RULES.md`; a test fails when
/// it is stale.
pub fn rule_catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rule catalogue\n\n\
         Generated from the crate's code (`thidua::rule_catalogue_markdown`); do not edit by hand.\n\
         Confidence: **V** read in the source, **S** secondary paraphrase, **R** recalled (a parameter to confirm). \
         The law's words are quoted verbatim where the crate keeps the text (`Nghị định 152/2025/NĐ-CP`; a test finds each quote in it) \
         and marked *(paraphrase)* where the text was not at hand.\n\n\
         ## Regimes\n\n| Regime | From | Until (exclusive) | Law |\n|---|---|---|---|\n",
    );
    for r in RegimeId::ALL {
        let (from, until) = r.span();
        out.push_str(&format!(
            "| `{}` | {from} | {until} | {} |\n",
            r.code(),
            r.label_vi()
        ));
    }
    out.push_str(
        "\nWhich regime judges the criteria of a title (ND 152/2025 Điều 60): the one in force on the day the case is decided, \
         except that a dossier sent before 2025-07-01 is appraised, submitted and decided under ND 98/2023 (khoản 3: \
         «Hồ sơ đề nghị tặng danh hiệu thi đua, hình thức khen thưởng đã được gửi đến Bộ Nội vụ hoặc các cơ quan có thẩm quyền \
         tiếp nhận khác … trước ngày Nghị định này có hiệu lực, việc thẩm định, trình và quyết định khen thưởng sẽ được thực hiện \
         theo quy định tại Nghị định số 98/2023/NĐ-CP»); the verdict cites khoản 3 and names the day the dossier was sent. \
         Khoản 2 keeps ND 98/2023 until 2025-12-31 only for «các nội dung được phân cấp theo Nghị định này» — who decides and the \
         procedures where the jurisdiction had issued no rules of its own (`ReviewContext::delegated_regime`) — not for the criteria. ND 152/2025 lapses on 2027-03-01 unless extended \
         (khoản 1). A day no regime covers is an error. \
         TT 01/2024/TT-BNV takes effect on 2024-04-15: before then the recruitment rule of the ND 98/2023 regime does not apply.\n",
    );
    out.push_str(
        "\n## Principles (Nghị định 152/2025/NĐ-CP, Điều 4)\n\n| Citation | The law's words | Where the crate applies it |\n|---|---|---|\n",
    );
    for (p, applied) in PRINCIPLES {
        out.push_str(&format!(
            "| {} | «{}» | {applied} |\n",
            p.citation(),
            p.quote()
        ));
    }
    out.push_str("\n## Rules\n");
    let catalogue = Catalogue::builtin();
    for rule in RuleId::ALL {
        let title = catalogue
            .get(rule.title())
            .map_or(rule.title(), |t| t.label_vi());
        let default = match rule.default_state() {
            DefaultState::On => "on",
            DefaultState::Off => "off unless a jurisdiction enables it",
        };
        out.push_str(&format!(
            "\n### `{}`\n\n- Title: {title} (`{}`){}\n- By default: {default}\n- Vietnamese: {}\n- English: {}\n\n",
            rule.code(),
            rule.title(),
            if rule.applies_to_all_titles() {
                ", and every title evaluated"
            } else {
                ""
            },
            rule.summary_vi(),
            rule.summary_en(),
        ));
        provisions_table(&mut out, rule.law().iter().map(|p| (None, p)));
    }
    out.push_str("\n## Parameters\n");
    for p in ParamId::ALL {
        out.push_str(&format!(
            "\n### `{}`\n\n{} / {}\n\n",
            p.code(),
            p.label_vi(),
            p.label_en()
        ));
        provisions_table(
            &mut out,
            p.defaults().iter().map(|d| (Some(d.value), &d.law)),
        );
    }
    out.push_str(
        "\n## Union rules\n\n\
         - Grading a CĐCS (`cdcs.active_months`, `cdcs.points`): only a CĐCS active 12 months (6 after a split, merger or consolidation) is graded; 100 points: group 1 ≤ 40, group 2 ≤ 40, group 3 ≤ 15, bonus ≤ 5 — HD 1294/HD-TLĐ 2019 (V); point thresholds per grade (default 90/70/50) and the cap on excellent grades (about 20%) not found in a text (R).\n\
         - Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\" (`knc.*`): 20 years of union work (part-time ×1,5, part-time in a non-state enterprise ×2; 25 years for public employees of union-run units), 3 consecutive years of completed duties, once per person — read in the award history, and a second conferral on one member in decisions not revoked is the error `award.knc_twice` — HD 149/HD-TLĐ 2015 Mục III (V; QĐ 999/QĐ-TLĐ 2024 may have changed it).\n\
         - Bằng Lao động sáng tạo (`bang_ldst.benefit`), from dated solutions up to the proposal day: a worker needs one solution worth ≥ 80 triệu đồng, or several applied within 3 years (36 months) worth ≥ 120 triệu together; a graduate one solution ≥ 150 triệu, a manager one ≥ 200 triệu — QĐ 1564/QĐ-TLĐ 2014 Điều 16 (V; the 3-year span read as any 36 months).\n\
         - Bonuses, for decisions from 2025-07-01 to 2027-02-28 only: the base salary in force on the decision's day (ND 152/2025 Điều 49 khoản 1) times the multiple of Điều 50 (titles) or Điều 54 (forms), rounded up to the next 10.000 đồng (Điều 49 khoản 2); collectives twice and households one and a half times the rounded individual amount, rounded up again (Điều 54 khoản 2, 3); several titles for the same period earn only the highest (Điều 49 khoản 5), forms each earn theirs (khoản 6), a title and a form both (khoản 7). Earlier decisions, and dossiers submitted before 2025-07-01 (Điều 60 khoản 3), fall under ND 98/2023 or ND 91/2017, whose tables are not in the crate: the bonus is unknown. Base salary 2.340.000 đồng from 2024-07-01 (Nghị định 73/2024/NĐ-CP, V), earlier figures recalled (R).\n\
         - Cờ thi đua của Chính phủ: proposals ≤ 20% of the collectives leading their emulation cluster or bloc and meeting the ministry or province flag standard, in whole numbers (`proposed × 100 ≤ leading × 20`) — ND 152/2025 Điều 7 khoản 1 (V).\n\
         - Awards for a process of contribution: a female leader or manager needs two thirds of the general time in office (whole months: ⌈general × 2 / 3⌉), unless her retirement age is set higher — ND 152/2025 Điều 4 khoản 7 (V).\n",
    );
    out
}
