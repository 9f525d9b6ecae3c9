//! Reading a JSON body leniently: numbers and strings both reach the same domain parsers
//! as the CLI's flags, so the API accepts and refuses exactly what the CLI does.

use kith_core::Invalid;
use serde_json::Value;

pub struct Input<'a>(pub &'a Value);

impl Input<'_> {
    /// A field as text: strings as they are, numbers and booleans written out (a whole
    /// number written with a fraction of zero, as `3.0`, as the whole number it is); null or
    /// missing is `None`.
    pub fn text(&self, field: &str) -> Option<String> {
        match self.0.get(field)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(whole(n).map_or_else(|| n.to_string(), |i| i.to_string())),
            other => Some(other.to_string()),
        }
    }

    pub fn required(&self, field: &'static str) -> Result<String, Invalid> {
        self.text(field).ok_or_else(|| Invalid::new(field, "", "a value"))
    }

    /// A list of strings; a single string is read as a comma-separated list.
    pub fn list(&self, field: &str) -> Vec<String> {
        match self.0.get(field) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            Some(Value::String(s)) => {
                s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            }
            _ => Vec::new(),
        }
    }

    pub fn bool(&self, field: &'static str) -> Result<Option<bool>, Invalid> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) => kith_core::checkin::parse_yes_no(field, s).map(Some),
            Some(other) => Err(Invalid::new(field, other, "true or false")),
        }
    }
}

/// A JSON number that is a whole number, however it was written.
fn whole(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        let x = n.as_f64()?;
        // Within the range an i64 holds exactly; larger numbers are written out as they are.
        (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
    })
}
