//! The JSON Schema of the dataset file (feature `schema`).
//!
//! Records derive their schema (`schemars`) from the same serde attributes that read
//! and write them; validated newtypes describe here what their constructor accepts
//! (a pattern, a format, a length), so an editor or another tool can check a file
//! before this crate reads it. The schema says what a value looks like; the
//! relations between values (parents, memberships, sums) are checked by
//! [`Dataset::validate`](crate::Dataset::validate).
//!
//! The repository keeps the generated schema as `schema/dataset.schema.json`; a test
//! fails when it is stale.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::award::catalogue::TitleCode;
use crate::award::decision::DecisionNumber;

use crate::dataset::file::Dataset;
use crate::org::unit::UnitCode;
use crate::people::member::MemberCode;
use crate::value::id::{
    BeneficiaryId, CampaignId, ContestId, DecisionId, InitiativeId, MemberId, NominationId,
    PartnerId, RegistrationId, SponsorshipId, SupportId, UnitId,
};
use crate::value::period::{DateRange, Phase, SchoolCalendar, SchoolYear, Year};
use crate::value::ratio::Ratio;
use crate::value::text::{Label, PersonName, UnitName, UnitShortName};

/// The JSON Schema (draft 2020-12) of the dataset file, as a JSON value.
///
/// ```
/// let schema = thidua::dataset_json_schema();
/// assert_eq!(schema["title"], "Dataset");
/// assert!(schema["properties"]["units"].is_object());
/// ```
#[must_use]
pub fn dataset_json_schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(schemars::transform::RecursiveTransform(without_examples))
        .into_generator()
        .into_root_schema_for::<Dataset>();
    schema.to_value()
}

/// The schema of a stated figure's key: every known key with its description, every
/// family as a pattern, and any other text (kept, with a warning).
pub(crate) fn figure_key_schema(_: &mut SchemaGenerator) -> Schema {
    use crate::dataset::figure::FIGURE_KEYS;
    let mut choices: Vec<serde_json::Value> = FIGURE_KEYS
        .iter()
        .map(|k| {
            let unit = k
                .unit()
                .map_or_else(String::new, |u| format!(" ({})", u.label(crate::Lang::En)));
            let description = format!(
                "{} / {}{unit}; checked against {}",
                k.label_vi(),
                k.label_en(),
                k.checked_en()
            );
            if k.is_family() {
                let prefix = k.key().replace('.', "\\.");
                serde_json::json!({ "pattern": format!("^{prefix}.+$"), "description": description })
            } else {
                serde_json::json!({ "const": k.key(), "description": description })
            }
        })
        .collect();
    choices.push(serde_json::json!({
        "description": "any other key: kept and shown as stated, with a warning naming the nearest known keys"
    }));
    json_schema!({
        "type": "string",
        "minLength": 1,
        "anyOf": choices,
    })
}

/// Keeps a description's prose and drops its code examples (the doctests of the
/// Rust documentation the descriptions come from).
fn without_examples(schema: &mut Schema) {
    let Some(serde_json::Value::String(text)) = schema.get_mut("description") else {
        return;
    };
    if let Some(at) = text.find("```") {
        text.truncate(at);
        let kept = text.trim_end().to_owned();
        if kept.is_empty() {
            schema.remove("description");
        } else if let Some(serde_json::Value::String(t)) = schema.get_mut("description") {
            *t = kept;
        }
    }
}

macro_rules! string_schema {
    ($ty:ty, $name:expr, $schema:tt) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

macro_rules! id_schema {
    ($($ty:ident),* $(,)?) => {$(
        string_schema!($ty, stringify!($ty), {
            "description": concat!(
                "A ", stringify!($ty),
                ": a hyphenated UUID (not the nil UUID), or the entity's natural key (a unit's code, a member's staff number), from which the id is derived."
            ),
            "type": "string",
            "minLength": 1
        });
    )*};
}

id_schema!(
    BeneficiaryId,
    CampaignId,
    ContestId,
    DecisionId,
    InitiativeId,
    MemberId,
    NominationId,
    PartnerId,
    RegistrationId,
    SponsorshipId,
    SupportId,
    UnitId,
);

macro_rules! name_schema {
    ($ty:ident, $max:expr, $what:literal) => {
        string_schema!($ty, stringify!($ty), {
            "description": concat!(
                $what,
                ": not blank; stored in Unicode NFC with whitespace collapsed."
            ),
            "type": "string",
            "minLength": 1,
            "maxLength": $max,
            "pattern": "\\S"
        });
    };
}

name_schema!(
    PersonName,
    PersonName::MAX_CHARS,
    "A person's full name (họ và tên)"
);
name_schema!(UnitName, UnitName::MAX_CHARS, "A unit's official name");
name_schema!(
    UnitShortName,
    UnitShortName::MAX_CHARS,
    "A unit's short name"
);
name_schema!(Label, Label::MAX_CHARS, "A name or line of text");

string_schema!(UnitCode, "UnitCode", {
    "description": "A unit's short code, unique in a dataset (HN.GIALAM).",
    "type": "string",
    "pattern": "^[A-Za-z0-9._-]{1,64}$"
});

string_schema!(MemberCode, "MemberCode", {
    "description": "A member's code in the union's records (a membership card or staff number), unique in a dataset.",
    "type": "string",
    "pattern": "^[A-Za-z0-9._-]{1,64}$"
});

string_schema!(TitleCode, "TitleCode", {
    "description": "A title's or form's code (ldtt, cstdcs, bk.ttg).",
    "type": "string",
    "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"
});

string_schema!(DecisionNumber, "DecisionNumber", {
    "description": "A document number: 123/QĐ-LĐLĐ, or with a year, 98/2023/NĐ-CP.",
    "type": "string",
    "pattern": "^\\s*[0-9]+\\s*/"
});

string_schema!(Year, "Year", {
    "description": "A calendar year from 1900 to 2200 (also read from a string such as \"2024\").",
    "type": ["integer", "string"],
    "minimum": 1900,
    "maximum": 2200
});

string_schema!(SchoolYear, "SchoolYear", {
    "description": "A school year (năm học) such as \"2023-2024\": two consecutive years.",
    "type": "string",
    "pattern": "[0-9]{4}\\s*[-–/]\\s*[0-9]{4}"
});

string_schema!(Phase, "Phase", {
    "description": "A phase (giai đoạn) of two to ten calendar years, such as \"2022-2025\".",
    "type": "string",
    "pattern": "[0-9]{4}\\s*[-–]\\s*[0-9]{4}"
});

string_schema!(DateRange, "DateRange", {
    "description": "An inclusive range of dates, such as \"2023-09-01/2024-05-31\".",
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}$"
});

string_schema!(Ratio, "Ratio", {
    "description": "An exact ratio written as \"numerator/denominator\" (\"64/82\") or a percentage (\"19,5%\").",
    "type": "string",
    "pattern": "^\\s*[0-9][0-9.,]*\\s*(/\\s*[0-9][0-9.,]*|%)\\s*$"
});

impl JsonSchema for SchoolCalendar {
    fn schema_name() -> Cow<'static, str> {
        "SchoolCalendar".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let span = generator.subschema_for::<DateRange>();
        json_schema!({
            "description": "The real span of school years that differ from 1 September – 31 August: a map from school year (\"2023-2024\") to its date range.",
            "type": "object",
            "propertyNames": { "pattern": "^[0-9]{4}-[0-9]{4}$" },
            "additionalProperties": span
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::figure::{FigureValue, StatedFigure};
    use crate::value::reported::Reported;

    #[test]
    fn the_schema_names_every_list_of_the_file() {
        let schema = dataset_json_schema();
        let props = schema["properties"].as_object().unwrap();
        let dataset = serde_json::to_value(Dataset::default()).unwrap();
        for key in dataset.as_object().unwrap().keys() {
            assert!(props.contains_key(key), "{key}");
        }
        assert_eq!(schema["required"], serde_json::json!(["schema_version"]));
        assert_eq!(schema["additionalProperties"], false);
    }

    #[test]
    fn the_mirrors_have_the_fields_of_the_real_types() {
        let figure = StatedFigure {
            unit: UnitId::from_key("u"),
            key: "members".into(),
            value: FigureValue::Count(Reported::exact(3)),
            bloc: Some(crate::org::kind::Bloc::Schools),
            period: Some("2023-2024".parse().unwrap()),
            as_of: chrono::NaiveDate::from_ymd_opt(2024, 5, 31),
            label: Some("l".into()),
            label_en: Some("l".into()),
            share_of: Some(crate::dataset::figure::ShareOf {
                part: "initiative.recognised".into(),
                whole: "initiative.evaluated".into(),
            }),
            period_text: Some("p".into()),
            quote: Some("q".into()),
        };
        let written = serde_json::to_value(&figure).unwrap();
        let schema = dataset_json_schema();
        let form = &schema["$defs"]["StatedFigure"]["properties"];
        let mut fields: Vec<_> = written.as_object().unwrap().keys().cloned().collect();
        let mut described: Vec<_> = form.as_object().unwrap().keys().cloned().collect();
        fields.sort();
        described.sort();
        assert_eq!(fields, described);
        // The key lists the known keys with their descriptions.
        let keys = form["key"]["anyOf"].as_array().unwrap();
        assert!(
            keys.iter().any(|k| k["const"] == "members"
                && k["description"].as_str().unwrap().contains("Members"))
        );
        assert!(keys.iter().any(|k| k["pattern"] == "^initiative\\..+$"));
        let kinds: Vec<_> = schema["$defs"]["FigureValue"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                v["properties"]["kind"]["const"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(kinds, ["count", "money", "ratio"]);
        assert_eq!(written["value"]["kind"], "count");
    }
}
