"""Meeting times for a pair: shared working hours, proposed slots, compromises, reminders."""
