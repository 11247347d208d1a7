package dev.gatehouse.ui.editor;

import java.util.List;

/**
 * What the editor asks of the workspace about the text at the caret: completions, where a name is defined, where
 * it is used, and renaming it. Offsets are into the editor's text; the window answers through the view-model.
 */
public interface LanguageActions {
    /** Completions at an offset of a text that may be mid-edit. */
    List<CompletionItem> complete(String path, String text, int offset);

    /** Ctrl+click, F12: opens the definition of the name at the offset; false when there is none. */
    boolean goToDefinition(String path, String text, int offset);

    /** Shift+F12: lists the definition and every use of the name at the offset. */
    void findReferences(String path, String text, int offset);

    /** F2: renames the resource named at the offset, with all its references. */
    void rename(String path, String text, int offset);

    LanguageActions NONE = new LanguageActions() {
        @Override
        public List<CompletionItem> complete(String path, String text, int offset) {
            return List.of();
        }

        @Override
        public boolean goToDefinition(String path, String text, int offset) {
            return false;
        }

        @Override
        public void findReferences(String path, String text, int offset) {
        }

        @Override
        public void rename(String path, String text, int offset) {
        }
    };
}
