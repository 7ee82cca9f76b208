//! Macros shared by the crate's modules.

/// A closed set of labelled values: a `#[non_exhaustive]` enum with a stable
/// `snake_case` code (its serde form), Vietnamese and English labels, and `ALL`.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($code:literal, $vi:literal, $en:literal), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code used in files (`snake_case`).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The Vietnamese label.
            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $vi,)* }
            }

            /// The English label.
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label_vi())
            }
        }
    };
}
