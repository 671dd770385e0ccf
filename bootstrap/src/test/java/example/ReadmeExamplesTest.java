package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's library examples are the code of the example classes, word for word: each README code block after
 * {@code <!-- example: NAME (File.java) -->} equals the lines between {@code // README:NAME} and
 * {@code // README:end} in that file (indentation aside), so the README cannot drift from code that compiles
 * and runs in {@code mvn verify}.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "example");

    @ParameterizedTest
    @CsvSource({"rule-engine, RuleEngineExample.java", "in-process, InProcessExample.java",
            "embedded-store, EmbeddedStoreExample.java"})
    void theReadmeBlock_isTheExamplesCode(String name, String file) throws IOException {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("<!-- example: " + Pattern.quote(name) + " \\(" + Pattern.quote(file)
                + "\\) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has the %s example block", name).isTrue();
        String source = Files.readString(SOURCES.resolve(file));
        Matcher code = Pattern.compile("// README:" + Pattern.quote(name) + "\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL)
                .matcher(source);
        assertThat(code.find()).as("%s marks the %s example", file, name).isTrue();

        assertThat(dedent(m.group(1))).isEqualTo(dedent(code.group(1)));
    }

    /**
     * CI proves the README's set-up: {@code .ci/run} ends with the test command the README's first code block
     * gives, character for character: the line a user is told to run is the line CI runs.
     */
    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        List<String> ci = Files.readAllLines(Path.of("..", ".ci", "run")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String ciTestCommand = ci.get(ci.size() - 1);
        Matcher firstBlock = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(firstBlock.find()).as("README starts with a bash block").isTrue();
        List<String> lines = firstBlock.group(1).lines().toList();

        assertThat(ciTestCommand).isEqualTo("mvn -B verify");
        assertThat(lines).as("the README's first commands, line for line").contains(ciTestCommand);
    }

    /** The lines without trailing blanks and without the indentation they all share. */
    static List<String> dedent(String block) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }
}
