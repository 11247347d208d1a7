package dev.gatehouse.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * The look of the app: an AtlantaFX theme as the user-agent stylesheet, then our stylesheets on each scene.
 * Ours map the Modena colour names ControlsFX and RichTextFX still look up onto AtlantaFX's palette, and use
 * only AtlantaFX's looked-up colours, so the same sheet serves the light and the dark theme.
 */
public record Theme(String name, String userAgentStylesheet, List<String> sceneStylesheets) {
    public static final String GATEHOUSE_CSS = "/gatehouse/css/gatehouse.css";
    public static final String LIGHT = "light";
    public static final String DARK = "dark";

    public Theme {
        sceneStylesheets = List.copyOf(sceneStylesheets);
    }

    public static Theme primerLight() {
        return new Theme(LIGHT, new PrimerLight().getUserAgentStylesheet(), List.of(resource(GATEHOUSE_CSS)));
    }

    public static Theme primerDark() {
        return new Theme(DARK, new PrimerDark().getUserAgentStylesheet(), List.of(resource(GATEHOUSE_CSS)));
    }

    /** The theme of a name, light for anything but {@link #DARK}. */
    public static Theme named(String name) {
        return DARK.equals(name) ? primerDark() : primerLight();
    }

    /** Sets the user-agent stylesheet for the whole application; call on the FX thread. Open windows restyle. */
    public void install() {
        Application.setUserAgentStylesheet(userAgentStylesheet);
    }

    public void applyTo(Scene scene) {
        scene.getStylesheets().addAll(sceneStylesheets);
    }

    private static String resource(String path) {
        URL url = Objects.requireNonNull(Theme.class.getResource(path), () -> "missing stylesheet " + path);
        return url.toExternalForm();
    }
}
