package org.jingzhun.checklist.record;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.StudyFormat;

record RecordStudySession(@TargetAggregateIdentifier String recordId, String sessionId, String organizationId,
                          String campaignId, LocalDate date, double days, StudyFormat format, List<String> readings,
                          int attendees, List<String> attendeeIds) {

    RecordStudySession {
        readings = readings == null ? List.of() : List.copyOf(readings);
        attendeeIds = attendeeIds == null ? List.of() : List.copyOf(attendeeIds);
    }
}
