//! How a type declares its JSON shape: `json_struct!` (an object of fields), `json_tagged!` (an
//! object tagged by one of its fields, serde's internally tagged enum), `names!` (a string from a
//! fixed set) and `json_read!` (a read view, read only). Each but the last also gives the tests a
//! generator of arbitrary values of the type; `sample_struct!` and `sample_tagged!` give one
//! alone, for full types the widget reads through a view.

/// `json_struct!(Ticket { id, number, context: default, summary: flatten })`: each field under
/// its own name; `default` reads an absent field as its default, `flatten` reads and writes the
/// field's own fields in this object.
macro_rules! json_struct {
    ($ty:ident { $($field:ident $(: $kind:ident)?),* $(,)? }) => {
        json_read!($ty { $($field $(: $kind)?),* });

        impl $crate::json::Fields for $ty {
            fn write_fields<J: $crate::json::Json>(&self, out: &mut J) {
                $(json_struct!(@write out, self.$field, $field $(, $kind)?);)*
            }
        }

        impl $crate::json::Write for $ty {
            fn write<J: $crate::json::Json>(&self) -> J {
                let mut out = J::new_object();
                $crate::json::Fields::write_fields(self, &mut out);
                out
            }
        }

        sample_struct!($ty { $($field),* });
    };
    (@read $object:ident, $problem:ident, $field:ident) => { $crate::json::field($object, stringify!($field), $problem) };
    (@read $object:ident, $problem:ident, $field:ident, default) => { $crate::json::field_or_default($object, stringify!($field), $problem) };
    (@read $object:ident, $problem:ident, $field:ident, flatten) => { $crate::json::Read::read(Some($object.clone()), $problem) };
    (@write $out:ident, $value:expr, $field:ident) => { $crate::json::put($out, stringify!($field), &$value) };
    (@write $out:ident, $value:expr, $field:ident, default) => { $crate::json::put($out, stringify!($field), &$value) };
    (@write $out:ident, $value:expr, $field:ident, flatten) => { $crate::json::Fields::write_fields(&$value, $out) };
}

/// `json_read!(TicketLine { id, number, subject, status })`: a read view's shape (see
/// `crate::views`), read as `json_struct!` reads; never written, so no writer and no generator.
macro_rules! json_read {
    ($ty:ident { $($field:ident $(: $kind:ident)?),* $(,)? }) => {
        impl $crate::json::Read for $ty {
            fn read<J: $crate::json::Json>(value: Option<J>, problem: &mut $crate::json::Problem) -> Self {
                let object = &$crate::json::object(value, problem);
                $ty { $($field: json_struct!(@read object, problem, $field $(, $kind)?)),* }
            }
        }
    };
}

/// `json_tagged!(Change by "type" { Message { text } = "message", Chat(chat: ChatLog) = "chat",
/// FollowUpAsked = "follow_up_asked" })`: the variant's name under the tag, beside its fields
/// (a newtype variant's struct lends its fields; name the binding before its type). Variants
/// after `never read` (newtype only) are written but not read: the widget never receives them, so
/// their tag reads as an unknown one and their readers stay out of its bundle.
macro_rules! json_tagged {
    ($ty:ident by $tag:literal { $($variant:ident $({ $($field:ident),* })? $(($bind:ident : $inner:ty))? = $name:literal),* $(,)? }
     $(never read { $($unread:ident ($ubind:ident : $uinner:ty) = $uname:literal),* $(,)? })?) => {
        impl $crate::json::Read for $ty {
            fn read<J: $crate::json::Json>(value: Option<J>, problem: &mut $crate::json::Problem) -> Self {
                let object = &$crate::json::object(value, problem);
                let mut tag: String = $crate::json::field(object, $tag, problem);
                // An unknown tag is a problem of the tag; the first variant stands in for it.
                loop {
                    $(if tag == $name {
                        break $ty::$variant
                            $({ $($field: $crate::json::Read::read($crate::json::lookup(object, stringify!($field), problem), problem)),* })?
                            $((<$inner as $crate::json::Read>::read(Some(object.clone()), problem)))?;
                    })*
                    problem.at($tag);
                    problem.here();
                    tag = [$($name),*][0].to_string();
                }
            }
        }

        impl $crate::json::Fields for $ty {
            #[allow(unused_variables)]
            fn write_fields<J: $crate::json::Json>(&self, out: &mut J) {
                match self {
                    $($ty::$variant $({ $($field),* })? $(($bind))? => {
                        out.set($tag, J::from_string($name));
                        $($($crate::json::put(out, stringify!($field), $field);)*)?
                        $($crate::json::Fields::write_fields($bind, out);)?
                    })*
                    $($($ty::$unread($ubind) => {
                        out.set($tag, J::from_string($uname));
                        $crate::json::Fields::write_fields($ubind, out);
                    })*)?
                }
            }
        }

        impl $crate::json::Write for $ty {
            fn write<J: $crate::json::Json>(&self) -> J {
                let mut out = J::new_object();
                $crate::json::Fields::write_fields(self, &mut out);
                out
            }
        }

        sample_tagged!($ty { $($variant $({ $($field),* })? $(($inner))?),* });
    };
}

/// `sample_struct!(TicketSummary { id, number, … })`: the tests' generator of arbitrary values
/// of a struct (also for the full types behind a read view, which have no codec of their own).
macro_rules! sample_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        #[cfg(test)]
        impl $crate::json::sample::Sample for $ty {
            fn strategy() -> proptest::strategy::BoxedStrategy<Self> {
                use proptest::strategy::Strategy;
                ($(sample_struct!(@any $field),)*).prop_map(|($($field,)*)| $ty { $($field),* }).boxed()
            }
        }
    };
    (@any $field:ident) => { $crate::json::sample::any() };
}

/// `sample_tagged!(Change { Message { text }, Chat(ChatLog), FollowUpAsked })`: the same for an
/// enum, each variant as likely.
macro_rules! sample_tagged {
    ($ty:ident { $($variant:ident $({ $($field:ident),* })? $(($inner:ty))?),* $(,)? }) => {
        #[cfg(test)]
        impl $crate::json::sample::Sample for $ty {
            fn strategy() -> proptest::strategy::BoxedStrategy<Self> {
                use proptest::strategy::Strategy;
                proptest::strategy::Union::new(vec![$(
                    sample_tagged!(@sample $ty, $variant $({ $($field),* })? $(($inner))?),
                )*]).boxed()
            }
        }
    };
    (@sample $ty:ident, $variant:ident { $($field:ident),* }) => {
        ($(sample_struct!(@any $field),)*).prop_map(|($($field,)*)| $ty::$variant { $($field),* }).boxed()
    };
    (@sample $ty:ident, $variant:ident ($inner:ty)) => {
        $crate::json::sample::any::<$inner>().prop_map($ty::$variant).boxed()
    };
    (@sample $ty:ident, $variant:ident) => {
        proptest::strategy::Just($ty::$variant).boxed()
    };
}
