package org.jingzhun.platform.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"点此\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
            "\t=1", "\r=1"})
    void prefixesAnApostropheToCsvTextThatASpreadsheetWouldRunAsAFormula(String text) {
        assertThat(CellText.forCsv(text)).isEqualTo("'" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"台账不完整", "a=b", " =1", "", "'quoted already", "1+1"})
    void leavesOtherTextAlone(String text) {
        assertThat(CellText.forCsv(text)).isEqualTo(text);
    }

    @Test
    void cutsTextTooLongForAnXlsxCellAndSaysSo() {
        String text = "问".repeat(CellText.XLSX_MAX_LENGTH + 10);
        String cell = CellText.forXlsx(text);
        assertThat(cell).hasSize(CellText.XLSX_MAX_LENGTH).endsWith("（已截断）");
        assertThat(CellText.forXlsx("短")).isEqualTo("短");
    }

    @Test
    void readsTheLanguageParameterAndNamesItWhenItIsWrong() {
        assertThat(ExportLanguage.parse(null)).isEqualTo(ExportLanguage.ZH);
        assertThat(ExportLanguage.parse("zh-CN")).isEqualTo(ExportLanguage.ZH);
        assertThat(ExportLanguage.parse("EN")).isEqualTo(ExportLanguage.EN);
        assertThatThrownBy(() -> ExportLanguage.parse("fr")).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.getMessage()).contains("zh or en"));
    }
}
