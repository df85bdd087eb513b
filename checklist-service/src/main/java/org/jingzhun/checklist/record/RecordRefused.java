package org.jingzhun.checklist.record;

import org.jingzhun.platform.web.RuleViolation;

/**
 * A command on an organization's record refused by a rule, with a stable code (listed in the
 * service's README) and the request field at fault. The web layer turns it into problem details.
 */
class RecordRefused extends RuleViolation {

    private RecordRefused(Kind kind, String code, String field, String message) {
        super(kind, code, field, message);
    }

    /** Malformed input (400). */
    static RecordRefused invalid(String code, String field, String message) {
        return new RecordRefused(Kind.INVALID, code, field, message);
    }

    /** In conflict with what the record already holds (409). */
    static RecordRefused conflict(String code, String field, String message) {
        return new RecordRefused(Kind.CONFLICT, code, field, message);
    }

    /** Well-formed but not allowed: by the registry or by the campaign's plan (422). */
    static RecordRefused unprocessable(String code, String field, String message) {
        return new RecordRefused(Kind.UNPROCESSABLE, code, field, message);
    }
}
