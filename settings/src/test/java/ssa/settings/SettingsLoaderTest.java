package ssa.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {
  enum Demo implements Setting {
    PORT("demo.port", ValueType.intIn(1, 10), "DEMO_PORT"),
    WAIT("demo.wait", ValueType.duration(Duration.ZERO, true), null),
    LIBRARY("demo.library", ValueType.passThrough(), null);

    private final Declaration declaration;

    Demo(String key, ValueType type, String env) {
      this.declaration = new Declaration(key, type, env);
    }

    @Override
    public Declaration declaration() {
      return declaration;
    }
  }

  private final SettingsLoader loader = new SettingsLoader("demo", List.of(Demo.values()));

  private Settings check(String hocon) {
    return loader.check(
        ConfigFactory.parseString(
                hocon,
                com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("test.conf"))
            .resolve());
  }

  @Test
  void readsDeclaredValuesAndPassesOpaqueObjectsThrough() {
    Settings settings = check("demo { port = 3, wait = 2s, library { any.key = x } }");
    assertThat(settings.intValue(Demo.PORT)).isEqualTo(3);
    assertThat(settings.duration(Demo.WAIT)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.object(Demo.LIBRARY).getString("any.key")).isEqualTo("x");
  }

  @Test
  void refusesUnknownKeysWithWhereTheyCameFromAndTheNearestKey() {
    assertThatThrownBy(() -> check("demo { port = 3, wait = 2s, library {}, prot = 4 }"))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("demo.prot: is not a setting of demo (test.conf: 1)")
        .hasMessageEndingWith("did you mean demo.port?");
    assertThatThrownBy(() -> check("demo { port = 3, wait = 2s, library {}, zzzzzzzzzz = 4 }"))
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void namesTheKeyOfAMissingOrBadValue() {
    assertThatThrownBy(() -> check("demo { port = 30, wait = 2s, library {} }"))
        .hasMessage("demo.port: must be between 1 and 10, was 30");
    assertThatThrownBy(() -> check("demo { port = 3, wait = 0s, library {} }"))
        .hasMessageStartingWith("demo.wait: must be longer than 0 ms");
    assertThatThrownBy(() -> check("demo { port = 3, library {} }"))
        .hasMessage("demo.wait: is missing");
    assertThatThrownBy(() -> check("demo { port = three, wait = 1s, library {} }"))
        .hasMessageStartingWith("demo.port: must be an integer from 1 to 10");
  }

  @Test
  void derivesTheEnvironmentLayerFromTheDeclarations() {
    assertThat(loader.environment(Map.of("DEMO_PORT", "7", "OTHER", "1")).root().unwrapped())
        .isEqualTo(Map.of("demo", Map.of("port", "7")));
  }

  @Test
  void suggestsOnlyNearNames() {
    assertThat(Suggestions.distance("intreval", "interval")).isEqualTo(1);
    assertThat(Suggestions.nearest("--rat", List.of("--rate", "--keys"))).isEqualTo("--rate");
    assertThat(Suggestions.nearest("--colour", List.of("--rate", "--keys"))).isNull();
  }
}
