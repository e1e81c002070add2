package io.marginscope.ui.app;

import javafx.css.CssParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stylesheet of the workstation parses without an error (a lost brace drops every rule after it). */
class StylesheetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css", "workstation.css"})
    void parsesWithoutErrors(String name) throws Exception {
        URL url = StylesheetsTest.class.getResource("/io/marginscope/ui/app/" + name);
        assertThat(url).as(name).isNotNull();
        CssParser.errorsProperty().clear();
        var sheet = new CssParser().parse(url);
        assertThat(sheet.getRules()).isNotEmpty();
        assertThat(CssParser.errorsProperty()).as(name).extracting(Object::toString).isEmpty();
    }
}
