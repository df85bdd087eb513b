package org.jingzhun.contracts.rectification;

import java.time.LocalDate;

/** One rectification measure (整改措施) and the local date by which it is to be done. */
public record Measure(String description, LocalDate due) {
}
