package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.platform.EventSchemas;
import org.junit.jupiter.api.Test;

class EventContractInterceptorTest {

    private final EventContractInterceptor interceptor = new EventContractInterceptor(EventSchemas.forCatalog(), 768 * 1024);

    @Test
    void letsAnEventThatKeepsItsContractThrough() {
        var message = GenericEventMessage.asEventMessage(research("关于基层治理的调研\n第二稿"));
        assertThat(interceptor.handle(List.of(message)).apply(0, message)).isSameAs(message);
    }

    @Test
    void refusesTextReportingCouldNotStoreNamingTheField() {
        assertThatThrownBy(() -> interceptor.check(research("a\u0000b")))
                .isInstanceOfSatisfying(EventContractInterceptor.Refused.class, refused -> {
                    assertThat(refused.field()).isEqualTo("title");
                    assertThat(refused.code()).isEqualTo("contract-violation");
                });
    }

    @Test
    void refusesAnEventItsSchemaRefuses() {
        assertThatThrownBy(() -> interceptor.check(new HonorRoomVisited("r-1", "o-1", "c-1", LocalDate.of(2019, 9, 20), 0)))
                .isInstanceOfSatisfying(EventContractInterceptor.Refused.class,
                        refused -> assertThat(refused.field()).isEqualTo("visitors"));
    }

    @Test
    void refusesAnEventTooLargeForOneKafkaRecordNamingItsLargestField() {
        StudySessionHeld small = session(List.of("m-1"));
        assertThatCode(() -> interceptor.check(small)).doesNotThrowAnyException();

        List<String> many = java.util.stream.IntStream.range(0, 8_000).mapToObj(i -> i + "-" + "m".repeat(95)).toList();
        assertThatThrownBy(() -> interceptor.check(session(many)))
                .isInstanceOfSatisfying(EventContractInterceptor.Refused.class,
                        refused -> assertThat(refused.field()).isEqualTo("attendeeIds"));
    }

    @Test
    void namesNestedFieldsByTheirPath() {
        assertThatThrownBy(() -> interceptor.check(new StudySessionHeld("r-1", "s-1", "o-1", "c-1",
                LocalDate.of(2019, 9, 20), 1, StudyFormat.ONLINE, List.of("ok", "a\u0000"), 3, List.of())))
                .isInstanceOfSatisfying(EventContractInterceptor.Refused.class,
                        refused -> assertThat(refused.field()).isEqualTo("readings[1]"));
    }

    private static ResearchSubmitted research(String title) {
        return new ResearchSubmitted("r-1", "x-1", "o-1", "c-1", ResearchKind.PROBLEM_BRIEF, title, null,
                LocalDate.of(2019, 10, 10));
    }

    private static StudySessionHeld session(List<String> attendeeIds) {
        return new StudySessionHeld("r-1", "s-1", "o-1", "c-1", LocalDate.of(2019, 9, 20), 1, StudyFormat.ONLINE,
                List.of("《摘编》"), Math.max(1, attendeeIds.size()), attendeeIds);
    }
}
