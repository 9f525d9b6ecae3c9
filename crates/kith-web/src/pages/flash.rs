//! The thank-you shown after a form.

/// The thank-you shown after a form, chosen by a fixed key so no text is reflected.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Flash {
    pub saved: Option<String>,
    /// The interaction just logged, or the plan just added, for the Undo beside the thank-you.
    pub undo: Option<String>,
    /// The day of the check-in just made, for the Undo beside its thank-you.
    pub undo_checkin: Option<String>,
    /// The span of days away just marked, for the Undo beside its thank-you.
    pub undo_away: Option<String>,
}

impl Flash {
    /// The span of days away to offer to undo: the one just marked, while it is still there.
    pub fn away_to_undo(&self, kept: impl IntoIterator<Item = kith_core::AwayId>) -> Option<String> {
        let id = self.undo_away.as_deref()?.parse::<kith_core::AwayId>().ok()?;
        let marked = self.saved.as_deref() == Some("away") && kept.into_iter().any(|k| k == id);
        marked.then(|| id.to_string())
    }

    pub fn message(&self) -> &'static str {
        match self.saved.as_deref() {
            Some("logged") => "Logged. Every bit of contact counts.",
            Some("deleted") => "Deleted.",
            Some("changed") => "Changed.",
            Some("checkin") => "Checked in. Thank you for taking a moment.",
            Some("planned") => "Planned. It's in your list below.",
            Some("attended") => "Well done: the plan is logged as time together.",
            Some("cancelled_by_me") => {
                "Cancelled. Saying no is allowed; kith keeps how close to the start it was."
            }
            Some("cancelled_by_them") => "Noted: they cancelled.",
            Some("no_show") => "Noted as missed. It happens.",
            Some("rescheduled") => "Moved. The new time is in your list.",
            Some("person") => "Saved.",
            Some("snoozed") => "Snoozed. kith will stay quiet about them for a while.",
            Some("settings") => "Settings saved.",
            Some("step") => "Added to your ladder, in its place by how hard it feels.",
            Some("starter") => "Added the starter set. Begin with the first one whenever you are ready.",
            Some("set_aside") => "Set aside for now. Its history stays, and it can come back any time.",
            Some("back") => "Back on your ladder.",
            Some("thought") => "Thought record saved. Writing it down is a step in itself.",
            Some("away") => "Marked as away. kith leaves those days out of signals, one a day and reach-out.",
            Some("away_removed") => "Removed. kith counts those days again.",
            Some("not_now") => "Not now, then. That kind of idea will stay away for a while.",
            Some("feed") => "New calendar address made; the old one no longer works.",
            Some("imported") => {
                "Imported. Your people, plans and days are in kith now, and the uploaded file is deleted."
            }
            Some("discarded") => "Cancelled: nothing was imported, and the uploaded file is deleted.",
            _ => "",
        }
    }
}
