package dev.gatehouse.ui.workspace;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The problems list set by difference ends equal to the new findings, and tells of no more rows than changed. */
class SetByDifferenceProperties {
    @Property(tries = 500)
    void theListEndsEqualToTheNewOne(@ForAll @Size(max = 40) List<@IntRange(max = 5) Integer> before,
                                     @ForAll @Size(max = 40) List<@IntRange(max = 5) Integer> after) {
        ObservableList<Integer> list = FXCollections.observableArrayList(before);
        List<Integer> touched = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                touched.add(c.getRemovedSize() + c.getAddedSize());
            }
        });

        WorkspaceViewModel.setByDifference(list, after);

        assertEquals(after, list);
        int prefix = 0;
        while (prefix < Math.min(before.size(), after.size()) && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < Math.min(before.size(), after.size()) - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        int changed = before.size() - prefix - suffix + after.size() - prefix - suffix;
        assertEquals(changed, touched.stream().mapToInt(Integer::intValue).sum(), before + " -> " + after);
    }
}
