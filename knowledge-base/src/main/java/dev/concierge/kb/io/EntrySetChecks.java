package dev.concierge.kb.io;

import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that span several entries of one file. */
final class EntrySetChecks {
    private EntrySetChecks() {
    }

    static List<FieldError> duplicateIds(List<FaqEntry> entries) {
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (FaqEntry e : entries) {
            if (!seen.add(e.id())) {
                errors.add(new FieldError(e.id(), "id", "duplicate id in the same file"));
            }
        }
        return errors;
    }
}
