package dev.gatehouse.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The questions views ask the user. Injected, so a test answers them instead of a person (no modal dialog
 * blocks a headless run); production shows JavaFX alerts over the window.
 */
public interface DialogService {
    /** What to do with unsaved changes before they would be lost. */
    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    /** Asks what to do with the unsaved changes of {@code what} (a file name, or "3 files"). */
    UnsavedChoice askUnsaved(String what);

    /** Asks whether to take a file's new text on disk over the unsaved edits of it. */
    boolean askReloadChanged(String what);

    /** Asks whether to take back the unsaved edits a previous run left (it crashed or was killed). */
    default boolean askRecover(String what) {
        return true;
    }

    /** Asks for one line of text (a name); empty when the user cancels. */
    default Optional<String> askText(String title, String prompt, String initial) {
        return Optional.empty();
    }

    /** Says something went wrong, in a sentence. */
    default void inform(String message) {
    }

    /** Alerts over the window the supplier gives (it may have none yet). */
    static DialogService alerts(Supplier<Optional<Window>> owner) {
        return new DialogService() {
            @Override
            public UnsavedChoice askUnsaved(String what) {
                ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
                ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
                Alert alert = new Alert(Alert.AlertType.WARNING, "Your changes will be lost if you don't save them.",
                        save, discard, ButtonType.CANCEL);
                alert.setHeaderText("Save the changes to " + what + "?");
                owner.get().ifPresent(alert::initOwner);
                ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
                return answer == save ? UnsavedChoice.SAVE : answer == discard ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
            }

            @Override
            public boolean askReloadChanged(String what) {
                ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.YES);
                ButtonType keep = new ButtonType("Keep My Changes", ButtonBar.ButtonData.NO);
                Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                        what + " changed on disk while you have unsaved changes in it.", reload, keep);
                alert.setHeaderText("Reload " + what + " from disk?");
                owner.get().ifPresent(alert::initOwner);
                return alert.showAndWait().orElse(keep) == reload;
            }

            @Override
            public boolean askRecover(String what) {
                ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
                ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
                Alert alert = new Alert(Alert.AlertType.WARNING,
                        "Gatehouse did not close cleanly and kept unsaved changes of " + what + ".", recover, discard);
                alert.setHeaderText("Recover unsaved changes?");
                owner.get().ifPresent(alert::initOwner);
                return alert.showAndWait().orElse(recover) == recover;
            }

            @Override
            public Optional<String> askText(String title, String prompt, String initial) {
                TextInputDialog dialog = new TextInputDialog(initial);
                dialog.setTitle(title);
                dialog.setHeaderText(title);
                dialog.setContentText(prompt);
                owner.get().ifPresent(dialog::initOwner);
                return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
            }

            @Override
            public void inform(String message) {
                Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
                alert.setHeaderText(null);
                owner.get().ifPresent(alert::initOwner);
                alert.showAndWait();
            }
        };
    }

    /** Always the same answers: for tests, and for a window closing with nothing to ask. */
    static DialogService answering(UnsavedChoice unsaved, boolean reload) {
        return new DialogService() {
            @Override
            public UnsavedChoice askUnsaved(String what) {
                return unsaved;
            }

            @Override
            public boolean askReloadChanged(String what) {
                return reload;
            }
        };
    }
}
