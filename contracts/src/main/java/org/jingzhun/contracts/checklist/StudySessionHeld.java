package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.StudyFormat;

/**
 * An organization held a study session (学习教育): from {@code date}, for {@code days} days (half days
 * allowed; the calendar days it covers are those of {@link StudyDays#spread}), in a {@link StudyFormat},
 * covering some readings, with a number of attendees.
 *
 * @param recordId       the organization's record in the campaign (the aggregate, and the Kafka key)
 * @param sessionId      this session's id
 * @param organizationId who held it
 * @param campaignId     the campaign it counts for
 * @param date           its first day (a local date of the county)
 * @param days           its length in days: a positive multiple of 0.5
 * @param format         how it was held
 * @param readings       the readings covered, titles as printed; empty when none were named
 * @param attendees      how many people attended, at least 1
 * @param attendeeIds    the member ids of attendees, when the organization listed them (at most
 *                       {@code attendees} of them); empty otherwise
 */
@Revision("1")
public record StudySessionHeld(String recordId, String sessionId, String organizationId, String campaignId,
                               LocalDate date, double days, StudyFormat format, List<String> readings,
                               int attendees, List<String> attendeeIds) {

    public StudySessionHeld {
        readings = readings == null ? List.of() : List.copyOf(readings);
        attendeeIds = attendeeIds == null ? List.of() : List.copyOf(attendeeIds);
    }
}
