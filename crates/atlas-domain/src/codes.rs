//! `code_enum!` declares a closed set of stable string codes: serde and TypeScript use the code,
//! `FromStr` parses it with a specific error, `ALL` lists every value in declaration order.

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $domain:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The name of this value set in the vocabulary catalog and in error messages.
            pub const DOMAIN: &'static str = $domain;

            /// The stable code stored in the database and sent over the command surface.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    other => Err($crate::DomainError::UnknownValue {
                        domain: $domain,
                        value: other.to_owned(),
                    }),
                }
            }
        }

        #[cfg(feature = "sqlx")]
        $crate::sql::text_column!($name);
    };
}

pub(crate) use code_enum;
