package org.jingzhun.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void labelsEveryConstantOfTheEnumerationsPeopleRead() {
        List<String> missing = Stream.of(Tier.values(), Sector.values(), ProblemSource.values(), FocusArea.values(),
                        ProblemStatus.values())
                .flatMap(Stream::of)
                .map(value -> value.getDeclaringClass().getSimpleName() + "." + value.name())
                .filter(key -> !Labels.has(key))
                .toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void labelsEveryPublicEventType() {
        assertThat(EventCatalog.all().stream().map(type -> "event." + type.name()).filter(key -> !Labels.has(key)))
                .isEmpty();
    }

    @Test
    void readsTheTableAsUtf8() {
        assertThat(Labels.zh(ProblemStatus.VERIFIED)).isEqualTo("已销号");
        assertThat(Labels.zh(FocusArea.ORGAN_PARTY_BUILDING)).isEqualTo("机关党建“灯下黑”");
        assertThat(Labels.zhEvent("ProblemLogged")).isEqualTo("查找问题");
        assertThat(Labels.zhEvent("SomethingNew")).isEqualTo("SomethingNew");
    }
}
