//! Typed identifiers.
//!
//! Every entity the crate models — a union unit (*đơn vị công đoàn*), a member
//! (*đoàn viên*), a campaign (*phong trào thi đua*), a decision (*quyết định khen
//! thưởng*) … — is named by a UUID at the edges of the crate (in files and in the
//! public API). Each kind of entity has its own id type, so a [`MemberId`] can never be
//! passed where a [`UnitId`] is expected.
//!
//! Ids are written and read as the canonical hyphenated lowercase UUID text. For
//! reproducible fixtures and imports, an id can be derived deterministically from a
//! natural key (a school's code, a member's staff number) with [`UnitId::from_key`]
//! and its siblings: a UUID version 5 in a namespace of this crate, distinct for each
//! kind of entity, over the key normalised to Unicode NFC with whitespace collapsed —
//! so the same key typed in a spreadsheet with decomposed diacritics gives the same id.
//!
//! ```
//! use thidua::{MemberId, UnitId};
//!
//! let unit = UnitId::from_key("hanoi/bac-tu-liem/thcs-co-nhue");
//! assert_eq!(unit, UnitId::from_key("hanoi/bac-tu-liem/thcs-co-nhue"));
//! // The same key names different entities in different kinds.
//! assert_ne!(unit.as_uuid(), MemberId::from_key("hanoi/bac-tu-liem/thcs-co-nhue").as_uuid());
//!
//! let parsed: UnitId = unit.to_string().parse()?;
//! assert_eq!(parsed, unit);
//!
//! // In a dataset file, a reference may be written as the key itself.
//! let by_code: UnitId = serde_json::from_str("\"hanoi/bac-tu-liem/thcs-co-nhue\"").map_err(|_| thidua::IdError::EmptyKey { kind: "unit", input: String::new() })?;
//! assert_eq!(by_code, unit);
//! # Ok::<(), thidua::IdError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

/// The namespace of all ids this crate derives from natural keys: a fixed UUID chosen
/// once, never to change (changing it would change every derived id).
const CRATE_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a59_1d2e_5b0e_9c4d_7a3f_0e8b_1c42);

/// An error reading an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The text is not a UUID.
    #[error(
        "invalid {kind} id {input:?}: expected a UUID such as \"67e55044-10b1-426f-9247-bb680e5fe0c8\""
    )]
    Malformed {
        /// The kind of entity the id was meant for (`unit`, `member`, …).
        kind: &'static str,
        /// The text as given.
        input: String,
    },
    /// The nil UUID (all zeros) names nothing.
    #[error("invalid {kind} id {input:?}: the nil UUID names no entity")]
    Nil {
        /// The kind of entity the id was meant for.
        kind: &'static str,
        /// The text as given.
        input: String,
    },
    /// A natural key is empty once whitespace is removed.
    #[error("invalid {kind} key {input:?}: a natural key must not be empty")]
    EmptyKey {
        /// The kind of entity the key was meant for.
        kind: &'static str,
        /// The key as given.
        input: String,
    },
}

/// Normalises a natural key: Unicode NFC, runs of whitespace collapsed to one space,
/// trimmed. A key that is already normal (as codes are) is borrowed as it is.
pub(crate) fn normalise_key(key: &str) -> std::borrow::Cow<'_, str> {
    if key.bytes().all(|b| b.is_ascii_graphic()) {
        return std::borrow::Cow::Borrowed(key);
    }
    let spaced_once = !key.starts_with(' ')
        && !key.ends_with(' ')
        && !key.contains("  ")
        && key.chars().all(|c| c == ' ' || !c.is_whitespace());
    if spaced_once
        && (key.is_ascii()
            || unicode_normalization::is_nfc_quick(key.chars())
                == unicode_normalization::IsNormalized::Yes)
    {
        return std::borrow::Cow::Borrowed(key);
    }
    let nfc: String = key.nfc().collect();
    std::borrow::Cow::Owned(nfc.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The namespace of one kind of entity's derived ids.
fn namespace(kind: &'static str) -> Uuid {
    Uuid::new_v5(&CRATE_NAMESPACE, kind.as_bytes())
}

/// The ids derived most recently on this thread, for the keys they came from: a
/// file names the same member or unit in row after row (a member's conferrals, a
/// unit's memberships), and a lookup here costs far less than a SHA-1.
mod recent {
    use std::cell::RefCell;

    use uuid::Uuid;

    /// Slots; a key falls in one slot, and replaces what was there.
    const SLOTS: usize = 1024;
    /// Longer keys are not kept.
    pub(super) const MAX_KEY: usize = 32;

    #[derive(Clone, Copy)]
    struct Slot {
        namespace: Uuid,
        len: u8,
        key: [u8; MAX_KEY],
        id: Uuid,
    }

    thread_local! {
        static SLOTS_OF_THREAD: RefCell<Vec<Option<Slot>>> = const { RefCell::new(Vec::new()) };
    }

    fn slot_of(namespace: &Uuid, key: &[u8]) -> usize {
        let mut h = namespace.as_u128() as u64 ^ 0x9e37_79b9_7f4a_7c15;
        for b in key {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 29)) as usize % SLOTS
    }

    /// The id derived from `key` in `namespace`, from the cache or from `derive` (and
    /// then kept).
    pub(super) fn get_or(namespace: &Uuid, key: &str, derive: impl FnOnce() -> Uuid) -> Uuid {
        let bytes = key.as_bytes();
        if bytes.len() > MAX_KEY {
            return derive();
        }
        let k = slot_of(namespace, bytes);
        let found = SLOTS_OF_THREAD.with_borrow(|slots| {
            slots.get(k).copied().flatten().and_then(|s| {
                let same =
                    s.namespace == *namespace && s.key.get(..usize::from(s.len)) == Some(bytes);
                same.then_some(s.id)
            })
        });
        if let Some(id) = found {
            return id;
        }
        let id = derive();
        let mut slot = Slot {
            namespace: *namespace,
            len: bytes.len() as u8,
            key: [0; MAX_KEY],
            id,
        };
        slot.key
            .iter_mut()
            .zip(bytes)
            .for_each(|(to, from)| *to = *from);
        SLOTS_OF_THREAD.with_borrow_mut(|slots| {
            if slots.is_empty() {
                slots.resize(SLOTS, None);
            }
            if let Some(s) = slots.get_mut(k) {
                *s = Some(slot);
            }
        });
        id
    }
}

/// A UUID version 5 (RFC 9562: SHA-1 of the namespace and the name), computed with a
/// SHA-1 that uses the processor's SHA instructions where it has them; the ids of
/// keys seen lately on this thread are remembered.
fn derive(namespace: &Uuid, key: &str) -> Uuid {
    recent::get_or(namespace, key, || derive_anew(namespace, key))
}

fn derive_anew(namespace: &Uuid, key: &str) -> Uuid {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    hasher.update(namespace.as_bytes());
    hasher.update(normalise_key(key).as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    if let Some(head) = digest.get(..16) {
        bytes.copy_from_slice(head);
    }
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

fn parse(kind: &'static str, input: &str) -> Result<Uuid, IdError> {
    let uuid = Uuid::try_parse(input.trim()).map_err(|_| IdError::Malformed {
        kind,
        input: input.to_owned(),
    })?;
    if uuid.is_nil() {
        return Err(IdError::Nil {
            kind,
            input: input.to_owned(),
        });
    }
    Ok(uuid)
}

/// Whether text is meant as a UUID: 32 hexadecimal digits, perhaps with hyphens or
/// braces. Anything else read from a file is a natural key.
pub(crate) fn looks_like_uuid(text: &str) -> bool {
    // Fewer than 30 characters hold fewer than 30 hexadecimal digits.
    if text.len() < 30 {
        return false;
    }
    let t = text.trim();
    let hex = t.chars().filter(char::is_ascii_hexdigit).count();
    t.chars()
        .all(|c| c.is_ascii_hexdigit() || matches!(c, '-' | '{' | '}'))
        && (30..=34).contains(&hex)
}

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        ///
        /// Written and read as a hyphenated lowercase UUID. For reproducible fixtures
        /// and imports, `from_key` derives the id from a natural key (a school's code,
        /// a member's staff number): a UUID version 5 in a namespace of this crate,
        /// distinct for each kind of entity, over the key in Unicode NFC with
        /// whitespace collapsed — so a key typed with decomposed diacritics gives the
        /// same id.
        ///
        /// ```
        /// use thidua::{MemberId, UnitId};
        ///
        /// let unit = UnitId::from_key("hanoi/gia-lam/mn-phu-thi");
        /// assert_ne!(unit.as_uuid(), MemberId::from_key("hanoi/gia-lam/mn-phu-thi").as_uuid());
        /// let parsed: UnitId = unit.to_string().parse()?;
        /// assert_eq!(parsed, unit);
        /// # Ok::<(), thidua::IdError>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// The kind of entity, as used in error messages.
            pub const KIND: &'static str = $kind;

            /// Wraps a UUID.
            ///
            /// # Errors
            /// [`IdError::Nil`] for the nil UUID.
            pub fn try_from_uuid(uuid: Uuid) -> Result<Self, IdError> {
                if uuid.is_nil() {
                    return Err(IdError::Nil { kind: $kind, input: uuid.to_string() });
                }
                Ok(Self(uuid))
            }

            /// Derives the id deterministically from a natural key (UUID v5 in this
            /// kind's namespace, over the key in NFC with whitespace collapsed).
            pub fn from_key(key: &str) -> Self {
                static NAMESPACE: std::sync::OnceLock<Uuid> = std::sync::OnceLock::new();
                Self(derive(NAMESPACE.get_or_init(|| namespace($kind)), key))
            }

            /// Derives the id from a natural key, refusing an empty key.
            ///
            /// # Errors
            /// [`IdError::EmptyKey`] when the key is empty or only whitespace.
            pub fn try_from_key(key: &str) -> Result<Self, IdError> {
                if key.trim().is_empty() {
                    return Err(IdError::EmptyKey { kind: $kind, input: key.to_owned() });
                }
                Ok(Self::from_key(key))
            }

            /// The UUID inside.
            pub fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                parse($kind, s).map(Self)
            }
        }

        impl TryFrom<Uuid> for $name {
            type Error = IdError;
            fn try_from(uuid: Uuid) -> Result<Self, IdError> {
                Self::try_from_uuid(uuid)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0.hyphenated())
            }
        }

        /// Read from a file: a UUID, or — so that a dataset written by hand needs no
        /// invented UUIDs — a natural key (a unit's code, a member's staff number),
        /// from which the id is derived as by `from_key`. Text shaped like a UUID
        /// must be a valid one.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a UUID or a natural key")
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        // The form every file written by the crate has, without a copy.
                        if text.len() == 36
                            && let Ok(uuid) = Uuid::try_parse(text)
                            && !uuid.is_nil()
                        {
                            return Ok($name(uuid));
                        }
                        if looks_like_uuid(text) {
                            text.parse().map_err(E::custom)
                        } else {
                            $name::try_from_key(text).map_err(E::custom)
                        }
                    }
                }
                d.deserialize_str(Text)
            }
        }
    };
}

typed_id!(
    /// Identifies a union unit (*đơn vị công đoàn*: VGCL, a federation, a CĐCS, a
    /// *công đoàn bộ phận* …).
    UnitId,
    "unit"
);
typed_id!(
    /// Identifies a non-union partner body (*Phòng GD&ĐT*, *UBND*, a school's board).
    PartnerId,
    "partner"
);
typed_id!(
    /// Identifies a union member (*đoàn viên*) or another person of the workforce.
    MemberId,
    "member"
);
typed_id!(
    /// Identifies a campaign (*phong trào thi đua*, *cuộc vận động*).
    CampaignId,
    "campaign"
);
typed_id!(
    /// Identifies a registration for a title (*đăng ký thi đua*).
    RegistrationId,
    "registration"
);
typed_id!(
    /// Identifies a contest (*hội thi*).
    ContestId,
    "contest"
);
typed_id!(
    /// Identifies an initiative (*sáng kiến*, *sáng kiến kinh nghiệm*).
    InitiativeId,
    "initiative"
);
typed_id!(
    /// Identifies a decision conferring titles or commendations (*quyết định khen
    /// thưởng*).
    DecisionId,
    "decision"
);
typed_id!(
    /// Identifies a nomination moving through the review (*bình xét*).
    NominationId,
    "nomination"
);
typed_id!(
    /// Identifies a sponsorship commitment (*đỡ đầu*).
    SponsorshipId,
    "sponsorship"
);
typed_id!(
    /// Identifies a pseudonymous beneficiary of sponsorship or support (often a minor).
    BeneficiaryId,
    "beneficiary"
);
typed_id!(
    /// Identifies a support record (*hỗ trợ*, *chăm lo*).
    SupportId,
    "support"
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn derived_ids_are_stable_and_distinct_per_kind() {
        let a = UnitId::from_key("thcs-co-nhue");
        assert_eq!(a, UnitId::from_key("thcs-co-nhue"));
        assert_ne!(a.as_uuid(), MemberId::from_key("thcs-co-nhue").as_uuid());
        assert_ne!(a, UnitId::from_key("thcs-co-nhue-2"));
        assert_eq!(a.as_uuid().get_version_num(), 5);
    }

    #[test]
    fn derived_ids_are_pinned() {
        // Changing the derivation would silently change every stored id.
        insta::assert_snapshot!(UnitId::from_key("hanoi"), @"6624293a-50d0-572e-944f-374f59c2f9e1");
    }

    proptest! {
        /// The derivation is RFC 9562's version 5 over the normalised key, whatever
        /// the key: the quick ways (a key already normal, the SHA-1 used) change no id.
        #[test]
        fn derived_ids_are_version_5_of_the_normal_key(key in "[ \\ta-zA-Z0-9.ÀàĐđưƯờỏếệ\u{0300}\u{0301}\u{0323}_-]{1,40}") {
            let nfc: String = key.nfc().collect();
            let normal = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
            let kind_ns = Uuid::new_v5(&CRATE_NAMESPACE, b"member");
            prop_assert_eq!(*MemberId::from_key(&key).as_uuid(), Uuid::new_v5(&kind_ns, normal.as_bytes()));
        }

        /// Ids remembered from earlier keys never stand for another key or kind:
        /// keys repeated, of one kind and the other, short and past the cache's
        /// length, thousands of them so that slots are shared and replaced.
        #[test]
        fn remembered_ids_are_the_ids_of_their_own_key_and_kind(
            keys in proptest::collection::vec(("[ab1.]{1,3}|[a-z]{30,36}|DV[0-9]{4}", any::<bool>()), 1..3000)
        ) {
            let unit_ns = Uuid::new_v5(&CRATE_NAMESPACE, b"unit");
            let member_ns = Uuid::new_v5(&CRATE_NAMESPACE, b"member");
            for (key, unit) in keys.iter().chain(keys.iter()) {
                let normal = normalise_key(key);
                if *unit {
                    prop_assert_eq!(*UnitId::from_key(key).as_uuid(), Uuid::new_v5(&unit_ns, normal.as_bytes()));
                } else {
                    prop_assert_eq!(*MemberId::from_key(key).as_uuid(), Uuid::new_v5(&member_ns, normal.as_bytes()));
                }
            }
        }
    }

    #[test]
    fn nfd_and_spacing_in_keys_do_not_matter() {
        let nfc = "Trường THCS Cổ Nhuế";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(UnitId::from_key(nfc), UnitId::from_key(&nfd));
        assert_eq!(
            UnitId::from_key(nfc),
            UnitId::from_key("  Trường  THCS\tCổ Nhuế ")
        );
    }

    #[test]
    fn errors_quote_the_input() {
        insta::assert_snapshot!(
            "not-a-uuid".parse::<UnitId>().unwrap_err(),
            @r#"invalid unit id "not-a-uuid": expected a UUID such as "67e55044-10b1-426f-9247-bb680e5fe0c8""#
        );
        insta::assert_snapshot!(
            "00000000-0000-0000-0000-000000000000".parse::<MemberId>().unwrap_err(),
            @r#"invalid member id "00000000-0000-0000-0000-000000000000": the nil UUID names no entity"#
        );
        insta::assert_snapshot!(UnitId::try_from_key(" \t").unwrap_err(), @r#"invalid unit key " \t": a natural key must not be empty"#);
        assert!(UnitId::try_from_uuid(Uuid::nil()).is_err());
    }

    #[test]
    fn serde_is_a_string() {
        let id = MemberId::from_key("gv-001");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<MemberId>(&json).unwrap(), id);
        // A reference written as a natural key is the key's id.
        assert_eq!(
            serde_json::from_str::<MemberId>("\"gv-001\"").unwrap(),
            MemberId::from_key("gv-001")
        );
        assert_eq!(
            serde_json::from_str::<UnitId>("\"HN.GL\"").unwrap(),
            UnitId::from_key("HN.GL")
        );
        // Text shaped like a UUID must be one; an empty key names nothing.
        assert!(
            serde_json::from_str::<MemberId>("\"0a20f695-c2c2-506e-9df0-d6a39d7d596g\"").is_ok()
        );
        assert!(
            serde_json::from_str::<MemberId>("\"0a20f695-c2c2-506e-9df0-d6a39d7d59\"").is_err()
        );
        assert!(
            serde_json::from_str::<MemberId>("\"00000000-0000-0000-0000-000000000000\"").is_err()
        );
        assert!(serde_json::from_str::<MemberId>("\" \"").is_err());
        assert!(serde_json::from_str::<MemberId>("17").is_err());
    }

    proptest! {
        #[test]
        fn display_from_str_round_trip(bits in 1u128..) {
            let id = UnitId::try_from_uuid(Uuid::from_u128(bits)).unwrap();
            prop_assert_eq!(id.to_string().parse::<UnitId>().unwrap(), id);
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<UnitId>(&json).unwrap(), id);
        }

        #[test]
        fn parsing_never_panics(s in ".*") {
            let _ = s.parse::<DecisionId>();
        }
    }
}
