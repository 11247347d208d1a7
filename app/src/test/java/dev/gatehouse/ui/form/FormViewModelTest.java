package dev.gatehouse.ui.form;

import dev.gatehouse.core.model.Schemas;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormViewModelTest {
    private static final String TOOL_PATH = "tools/close-account.yaml";
    private static final String AGENT_PATH = "agents/support-agent.yaml";
    private static Workspace governed;

    private final FormViewModel viewModel = new FormViewModel(new CurrentThreadTaskRunner());

    @BeforeAll
    static void readGoverned() throws IOException {
        Path root = SampleWorkspaces.governed();
        governed = new WorkspaceReader().read(ScenarioFiles.split(new WorkspaceFiles(ReadLimits.DEFAULT, root)
                .readAll(List.of(root))).manifests());
    }

    static String sample(String path) throws IOException {
        return Files.readString(SampleWorkspaces.governed().resolve(path));
    }

    /** A row as one line: path, editor, value or items, whether the form can edit it. */
    static String row(FormField f) {
        String shown = f.editor() == FieldEditor.LIST || f.editor() == FieldEditor.NODES ? f.items().toString()
                : f.editor() == FieldEditor.MAP ? f.entries().stream().map(e -> e.key() + "=" + e.value()).toList().toString() : f.value();
        return f.dotted() + " " + f.editor() + " " + shown + (f.editable() ? "" : " (read-only)");
    }

    private Form show(String path, String text) {
        viewModel.show(path, text, 0, governed);
        return viewModel.formProperty().get();
    }

    private FormField field(String dotted) {
        return viewModel.formProperty().get().field(dotted).orElseThrow();
    }

    @Test
    void anAgentListsEveryFieldOfItsKindWithTheValuesWritten() throws IOException {
        Form form = show("agents/support-agent.yaml", sample("agents/support-agent.yaml"));

        assertEquals("Agent custops/support-agent", form.title());
        assertEquals(Optional.empty(), form.placeholder());
        assertEquals(List.of(
                "metadata SECTION  (read-only)",
                "metadata.name TEXT support-agent",
                "metadata.namespace TEXT custops",
                "metadata.labels MAP [team=support]",
                "spec SECTION  (read-only)",
                "spec.model_ref REFERENCE anthropic-claude",
                "spec.prompt TEXT_BLOCK You resolve customer support tickets.\nUse the knowledge base and the order history, keep the CRM "
                        + "record up to date,\nand reply to the customer by email.",
                "spec.tools LIST [kb-search, order-lookup, crm-update, send-customer-email]",
                "spec.roles LIST [support-reader, support-writer]",
                "spec.memory SECTION  (read-only)",
                "spec.memory.ref REFERENCE ",
                "spec.memory.type TEXT ",
                "spec.memory.provider TEXT ",
                "spec.memory.allow LIST []",
                "spec.execution SECTION  (read-only)",
                "spec.execution.profile CHOICE ",
                "spec.execution.tool_sequence LIST []",
                "spec.execution.required_output_markers LIST []",
                "spec.execution.duplicate_tool_call_policy CHOICE ",
                "spec.execution.on_contract_violation CHOICE ",
                "spec.execution.tool_use_behavior CHOICE ",
                "spec.limits SECTION  (read-only)",
                "spec.limits.max_steps INTEGER 10",
                "spec.limits.timeout DURATION 120s"), form.fields().stream().map(FormViewModelTest::row).toList());
        assertEquals("system prompt", field("spec.prompt").note());
    }

    @Test
    void referencesOfferTheNamesOfTheirKindInTheNamespaceNotYetListed() throws IOException {
        show("agents/support-agent.yaml", sample("agents/support-agent.yaml"));

        assertEquals(List.of("anthropic-claude", "openai-gpt-4o"), field("spec.model_ref").choices());
        assertEquals(List.of("account-manager", "billing-specialist"), field("spec.roles").choices());
        assertEquals(List.of("close-account", "issue-refund", "legacy-refund-v1", "prod-db-query", "purge-customer-data"), field("spec.tools").choices());
        assertEquals(List.of(false, false), List.of(field("spec.roles").closed(), field("spec.model_ref").closed()));
    }

    @Test
    void aToolListsItsEnumsAsChoices() throws IOException {
        Form form = show("tools/close-account.yaml", sample("tools/close-account.yaml"));

        assertEquals("Tool custops/close-account", form.title());
        FormField risk = field("spec.risk_level");
        assertEquals(List.of(FieldEditor.CHOICE, "high", Schemas.RISK_LEVELS, true),
                List.of(risk.editor(), risk.value(), risk.choices(), risk.closed()));
        FormField classes = field("spec.operation_classes");
        assertEquals(List.of(FieldEditor.LIST, List.of("write"), List.of("read", "delete", "admin"), true),
                List.of(classes.editor(), classes.items(), classes.choices(), classes.closed()));
        assertEquals(List.of("spec.type CHOICE http", "spec.endpoint TEXT https://accounts.custops.example.com/api/close",
                        "spec.runtime.timeout DURATION 30s", "spec.runtime.isolation_mode CHOICE sandboxed",
                        "spec.runtime.retry.max_attempts INTEGER ", "spec.auth.profile CHOICE "),
                List.of(row(field("spec.type")), row(field("spec.endpoint")), row(field("spec.runtime.timeout")),
                        row(field("spec.runtime.isolation_mode")), row(field("spec.runtime.retry.max_attempts")), row(field("spec.auth.profile"))));
        assertEquals(Schemas.ISOLATION_MODES, field("spec.runtime.isolation_mode").choices());
    }

    @Test
    void aToolPermissionListsEachOperationRuleWithItsVerdict() throws IOException {
        Form form = show("tool-permissions/close-account-account-agent.yaml", sample("tool-permissions/close-account-account-agent.yaml"));

        assertEquals(List.of(
                "spec SECTION  (read-only)",
                "spec.tool_ref REFERENCE close-account",
                "spec.action TEXT invoke",
                "spec.required_permissions LIST [tool:close-account:invoke, capability:account.close]",
                "spec.match_mode CHOICE all",
                "spec.apply_mode CHOICE scoped",
                "spec.target_agents LIST [account-agent]",
                "spec.operation_rules ENTRIES ",
                "spec.operation_rules.0 ENTRY ",
                "spec.operation_rules.0.operation_class CHOICE write",
                "spec.operation_rules.0.verdict CHOICE approval_required",
                "spec.operation_rules.1 ENTRY ",
                "spec.operation_rules.1.operation_class CHOICE delete",
                "spec.operation_rules.1.verdict CHOICE deny",
                "spec.operation_rules.2 ENTRY ",
                "spec.operation_rules.2.operation_class CHOICE *",
                "spec.operation_rules.2.verdict CHOICE allow"),
                form.fields().stream().filter(f -> f.path().get(0).equals("spec")).map(FormViewModelTest::row).toList());
        assertEquals(Schemas.VERDICTS, field("spec.operation_rules.0.verdict").choices());
        assertEquals(List.of("billing-agent", "faq-agent", "ops-agent", "support-agent", "triage-agent"), field("spec.target_agents").choices());
        assertEquals(List.of("close-account", "crm-update", "issue-refund", "kb-search", "legacy-refund-v1", "order-lookup",
                "prod-db-query", "purge-customer-data", "send-customer-email"), field("spec.tool_ref").choices());
    }

    @Test
    void aNewOperationRuleDeniesAndARuleIsRemovedWhole() throws IOException {
        String text = sample("tool-permissions/crm-update.yaml");
        show("tool-permissions/crm-update.yaml", text);

        String added = viewModel.addEntry(field("spec.operation_rules")).orElseThrow().applyTo(text);
        String removed = viewModel.removeEntry(field("spec.operation_rules.1")).orElseThrow().applyTo(added);

        assertEquals(text + "    - operation_class: read\n      verdict: deny\n", added);
        assertEquals(added.replace("    - operation_class: delete\n      verdict: deny\n", ""), removed);
        assertEquals(List.of("write", "*", "read"), List.of(field("spec.operation_rules.0.operation_class").value(),
                field("spec.operation_rules.1.operation_class").value(), field("spec.operation_rules.2.operation_class").value()));
    }

    @Test
    void aToolPermissionWithoutRulesGetsItsFirstRule() throws IOException {
        String text = sample("tool-permissions/crm-update.yaml");
        String bare = text.substring(0, text.indexOf("  operation_rules:"));
        show("tool-permissions/crm-update.yaml", bare);

        String out = viewModel.addEntry(field("spec.operation_rules")).orElseThrow().applyTo(bare);

        assertEquals(bare + "  operation_rules:\n    - operation_class: read\n      verdict: deny\n", out);
    }

    @Test
    void settingTheRiskLevelChangesThatValueAloneAndKeepsComments() throws IOException {
        String text = "# owned by the accounts team\n" + sample("tools/close-account.yaml")
                .replace("  risk_level: high\n", "  # closes for good\n  risk_level: high   \n");
        show("tools/close-account.yaml", text);

        EditorChange change = viewModel.set(field("spec.risk_level"), "critical").orElseThrow();

        String expected = text.replace("  risk_level: high   \n", "  risk_level: critical   \n");
        int at = text.indexOf("high   \n");
        assertEquals(new EditorChange("tools/close-account.yaml", at, at + 4, "critical"), change);
        assertEquals(expected, change.applyTo(text));
        assertEquals("critical", field("spec.risk_level").value(), "the form reads the edited text");
        assertEquals("", viewModel.messageProperty().get());
    }

    @Test
    void choosingNoValueRemovesTheFieldAndChoosingOneAddsItBack() throws IOException {
        String text = sample("tools/close-account.yaml");
        show("tools/close-account.yaml", text);

        String removed = viewModel.set(field("spec.runtime.isolation_mode"), "").orElseThrow().applyTo(text);
        String added = viewModel.set(field("spec.runtime.isolation_mode"), "container").orElseThrow().applyTo(removed);

        assertEquals(text.replace("    isolation_mode: sandboxed\n", ""), removed);
        assertEquals(text.replace("    isolation_mode: sandboxed\n", "    isolation_mode: container\n"), added);
    }

    @Test
    void aFieldOfAMappingNotWrittenYetIsAddedWithIt() throws IOException {
        String text = sample("tools/close-account.yaml");
        show("tools/close-account.yaml", text);

        String retried = viewModel.set(field("spec.runtime.retry.max_attempts"), "3").orElseThrow().applyTo(text);
        String authed = viewModel.set(field("spec.auth.secretRef"), "crm-api-key").orElseThrow().applyTo(retried);

        assertEquals(text + "    retry:\n      max_attempts: 3\n  auth:\n    secretRef: crm-api-key\n", authed);
        assertEquals(List.of("3", "crm-api-key"), List.of(field("spec.runtime.retry.max_attempts").value(), field("spec.auth.secretRef").value()));
    }

    @Test
    void addingARoleThroughThePickerAddsItsLine() throws IOException {
        String text = sample("agents/support-agent.yaml");
        show("agents/support-agent.yaml", text);

        String out = viewModel.add(field("spec.roles"), "account-manager").orElseThrow().applyTo(text);

        assertEquals(text.replace("    - support-writer\n", "    - support-writer\n    - account-manager\n"), out);
        assertEquals(List.of("support-reader", "support-writer", "account-manager"), field("spec.roles").items());
        assertEquals(List.of("billing-specialist"), field("spec.roles").choices());
    }

    @Test
    void aRoleIsOfferedThePermissionsTheNamespacesToolsAskFor() throws IOException {
        String text = sample("roles/support-writer.yaml");
        show("roles/support-writer.yaml", text);
        FormField permissions = field("spec.permissions");

        assertEquals(List.of("tool:close-account:invoke", "tool:issue-refund:invoke", "tool:kb-search:invoke"), permissions.choices().subList(0, 3));
        assertEquals(List.of(false, false, true, false), List.of(permissions.choices().contains("tool:crm-update:invoke"),
                permissions.choices().contains("capability:crm.write"), permissions.choices().contains("capability:kb.read"), permissions.closed()));
        String out = viewModel.add(permissions, "capability:kb.read").orElseThrow().applyTo(text);
        assertEquals(text + "    - capability:kb.read\n", out);
    }

    @Test
    void removingAToolTakesItsLine() throws IOException {
        String text = sample("agents/support-agent.yaml");
        show("agents/support-agent.yaml", text);

        String out = viewModel.remove(field("spec.tools"), 1).orElseThrow().applyTo(text);

        assertEquals(text.replace("    - order-lookup\n", ""), out);
        assertEquals(List.of("kb-search", "crm-update", "send-customer-email"), field("spec.tools").items());
    }

    @Test
    void anIntegerFieldIsWrittenPlainAndABadValueIsRefusedWithAReason() throws IOException {
        String text = sample("agents/support-agent.yaml");
        show("agents/support-agent.yaml", text);

        Optional<EditorChange> word = viewModel.set(field("spec.limits.max_steps"), "ten");
        String said = viewModel.messageProperty().get();
        Optional<EditorChange> minutes = viewModel.set(field("spec.limits.timeout"), "2 min");
        String saidAgain = viewModel.messageProperty().get();
        String out = viewModel.set(field("spec.limits.max_steps"), "12").orElseThrow().applyTo(text);

        assertEquals(List.of(Optional.empty(), "`ten` is not a whole number", Optional.empty(), "`2 min` is not a duration such as `30s` or `1m30s`"),
                List.of(word, said, minutes, saidAgain));
        assertEquals(text.replace("max_steps: 10", "max_steps: 12"), out);
        assertEquals("", viewModel.messageProperty().get());
    }

    @Test
    void editingTheTextUpdatesTheForm() throws IOException {
        String text = sample("tools/close-account.yaml");
        show("tools/close-account.yaml", text);

        show("tools/close-account.yaml", text.replace("risk_level: high", "risk_level: medium"));

        assertEquals("medium", field("spec.risk_level").value());
    }

    @Test
    void anEditWhileANewerTextIsBeingReadIsRefusedAndALateReadIsDropped() throws IOException {
        List<Runnable> held = new java.util.ArrayList<>();
        FormViewModel slow = new FormViewModel(new dev.gatehouse.ui.common.TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                                java.util.function.Consumer<? super Throwable> onFailure) {
                held.add(() -> {
                    try {
                        onSuccess.accept(work.call());
                    } catch (Exception e) {
                        onFailure.accept(e);
                    }
                });
            }
        });
        String text = sample("tools/close-account.yaml");
        String medium = text.replace("risk_level: high", "risk_level: medium");
        String low = text.replace("risk_level: high", "risk_level: low");
        slow.show(TOOL_PATH, text, 0, governed);
        held.remove(0).run();
        FormField risk = slow.formProperty().get().field("spec.risk_level").orElseThrow();

        slow.show(TOOL_PATH, medium, 0, governed);
        Optional<EditorChange> early = slow.set(risk, "critical");
        String said = slow.messageProperty().get();
        slow.show(TOOL_PATH, low, 0, governed);
        held.remove(1).run();
        held.remove(0).run();

        assertEquals(List.of(Optional.empty(), FormViewModel.STALE), List.of(early, said));
        assertEquals("low", slow.formProperty().get().field("spec.risk_level").orElseThrow().value());
    }

    @Test
    void everyChoiceOfEverySampleChangesOneLineAndReadsBack() throws IOException {
        Path root = SampleWorkspaces.governed();
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("scenarios")).sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            String path = root.relativize(file).toString().replace('\\', '/');
            String text = Files.readString(file);
            List<FormField> choices = show(path, text).fields().stream()
                    .filter(f -> f.editor() == FieldEditor.CHOICE && f.editable() && f.present()).toList();
            for (FormField f : choices) {
                for (String choice : f.choices()) {
                    if (choice.equals(f.value())) {
                        continue;
                    }
                    show(path, text);
                    String out = viewModel.set(field(f.dotted()), choice).orElseThrow(() -> new AssertionError(path + " " + f.dotted() + " " + choice))
                            .applyTo(text);
                    List<String> before = text.lines().toList();
                    List<String> after = out.lines().toList();
                    List<Integer> changed = java.util.stream.IntStream.range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).boxed().toList();
                    assertEquals(List.of(before.size(), 1, choice), List.of(after.size(), changed.size(), field(f.dotted()).value()),
                            path + " " + f.dotted() + " " + choice);
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 100, "choices checked: " + checked);
    }

    @Test
    void aJsonManifestIsEditedInItsOwnFormat() throws IOException {
        String path = "agents/triage-agent.json";
        String text = sample(path);
        Form form = show(path, text);

        assertEquals(List.of("Agent custops/triage-agent", true, Optional.empty()), List.of(form.title(), form.editable(), form.placeholder()));
        assertEquals(List.of("spec.model_ref REFERENCE openai-gpt-4o", "spec.allowed_tools LIST [send-customer-email]", "metadata.labels MAP [team=support]",
                "spec.limits.max_steps INTEGER 6"), List.of(row(field("spec.model_ref")), row(field("spec.allowed_tools")),
                row(field("metadata.labels")), row(field("spec.limits.max_steps"))));
        String model = viewModel.set(field("spec.model_ref"), "anthropic-claude").orElseThrow().applyTo(text);
        String steps = viewModel.set(field("spec.limits.max_steps"), "8").orElseThrow().applyTo(model);
        String role = viewModel.add(field("spec.roles"), "support-writer").orElseThrow().applyTo(steps);
        String label = viewModel.put(field("metadata.labels"), "tier", "gold").orElseThrow().applyTo(role);
        String prompt = viewModel.set(field("spec.prompt"), "Triage tickets.\nRoute them.").orElseThrow().applyTo(label);
        String memory = viewModel.add(field("spec.memory.allow"), "read").orElseThrow().applyTo(prompt);

        assertEquals(text.replace("\"openai-gpt-4o\"", "\"anthropic-claude\"").replace("\"max_steps\": 6", "\"max_steps\": 8")
                .replace("      \"support-reader\"\n", "      \"support-reader\",\n      \"support-writer\"\n")
                .replace("      \"team\": \"support\"\n", "      \"team\": \"support\",\n      \"tier\": \"gold\"\n")
                .replaceAll("\"prompt\": \"[^\"]*\"", "\"prompt\": \"Triage tickets.\\\\nRoute them.\"")
                .replace("      \"timeout\": \"45s\"\n    }\n", "      \"timeout\": \"45s\"\n    },\n    \"memory\": {\"allow\": [\"read\"]}\n"), memory);
        assertEquals(List.of("Triage tickets.\nRoute them.", List.of("read")), List.of(field("spec.prompt").value(), field("spec.memory.allow").items()));
    }

    @Test
    void aJsonKeyOrlojMatchesOnlyIgnoringCaseIsReadOnlyWithWhy() throws IOException {
        String text = sample("agents/triage-agent.json").replace("\"model_ref\"", "\"Model_Ref\"");
        show("agents/triage-agent.json", text);

        assertEquals("spec.Model_Ref REFERENCE openai-gpt-4o (read-only)", row(field("spec.Model_Ref")));
        assertEquals("written `Model_Ref`, which Orloj's JSON reader takes for `model_ref`: spell it `model_ref` in the text",
                field("spec.Model_Ref").note());
        assertEquals(Optional.empty(), viewModel.set(field("spec.Model_Ref"), "anthropic-claude"));
    }

    @Test
    void aTextThatDoesNotParseShowsAPlaceholderOnly() {
        Form form = show("agents/broken.yaml", "kind: Agent\nspec:\n  roles: [a\n");

        assertEquals(new Form("agents/broken.yaml", "", false, Optional.of(FormViewModel.UNREADABLE), List.of()), form);
    }

    @Test
    void inAFileOfTwoDocumentsTheCaretPicksOneAndEditsStayInIt() throws IOException {
        String text = Files.readString(SampleWorkspaces.mistakes().resolve("files/two-documents-in-one-file.yaml"));
        int second = text.indexOf("name: ticket-close");

        viewModel.show("files/two.yaml", text, 0, governed);
        String first = viewModel.formProperty().get().title();
        viewModel.show("files/two.yaml", text, second, governed);
        String out = viewModel.set(field("spec.risk_level"), "critical").orElseThrow().applyTo(text);

        assertEquals(List.of("Tool default/ticket-read", "Tool default/ticket-close"), List.of(first, viewModel.formProperty().get().title()));
        assertEquals(text.replace("  risk_level: high\n", "  risk_level: critical\n"), out);
        assertEquals("critical", field("spec.risk_level").value());
    }

    // ------------------------------------------------------------------------------------------------ maps

    @Test
    void aLabelIsAddedRenamedSetAndRemovedInTheText() throws IOException {
        String text = sample(AGENT_PATH);
        show(AGENT_PATH, text);

        String added = viewModel.put(field("metadata.labels"), "tier", "gold").orElseThrow().applyTo(text);
        String renamed = viewModel.rename(field("metadata.labels"), 0, "squad").orElseThrow().applyTo(added);
        String set = viewModel.setEntry(field("metadata.labels"), 1, "silver").orElseThrow().applyTo(renamed);
        List<FormField.Entry> entries = field("metadata.labels").entries();
        String removed = viewModel.removeKey(field("metadata.labels"), 0).orElseThrow().applyTo(set);
        String none = viewModel.removeKey(field("metadata.labels"), 0).orElseThrow().applyTo(removed);

        assertEquals(text.replace("    team: support\n", "    team: support\n    tier: gold\n"), added);
        assertEquals(added.replace("    team: support\n", "    squad: support\n"), renamed);
        assertEquals(renamed.replace("tier: gold", "tier: silver"), set);
        assertEquals(List.of(new FormField.Entry("squad", "support"), new FormField.Entry("tier", "silver")), entries);
        assertEquals(set.replace("    squad: support\n", ""), removed);
        assertEquals(text.replace("  labels:\n    team: support\n", ""), none);
        assertEquals("metadata.labels MAP []", row(field("metadata.labels")));
    }

    @Test
    void aTaskInputIsAMapWhoseValuesKeepTheirQuoting() throws IOException {
        String text = sample("tasks/ticket-48213.yaml");
        show("tasks/ticket-48213.yaml", text);

        assertEquals("spec.input MAP [topic=Customer reports a double charge on order 77120 and asks to close the account, ticket_id=48213, "
                + "customer_id=C-20931]", row(field("spec.input")));
        String out = viewModel.setEntry(field("spec.input"), 1, "48214").orElseThrow().applyTo(text);
        String more = viewModel.put(field("spec.input"), "channel", "email: urgent").orElseThrow().applyTo(out);

        assertEquals(text.replace("\"48213\"", "\"48214\"").replace("    customer_id: C-20931\n", "    customer_id: C-20931\n    channel: \"email: urgent\"\n"), more);
    }

    @Test
    void aKeyOrValueNoQuotingReadsAlikeIsRefusedWithItsReason() throws IOException {
        String text = sample(AGENT_PATH);
        show(AGENT_PATH, text);

        Optional<EditorChange> colon = viewModel.put(field("metadata.labels"), "app: x", "y");
        String said = viewModel.messageProperty().get();
        Optional<EditorChange> nul = viewModel.put(field("metadata.labels"), "owner", "null");
        String saidAgain = viewModel.messageProperty().get();
        Optional<EditorChange> twice = viewModel.put(field("metadata.labels"), "team", "ops");
        String thrice = viewModel.messageProperty().get();

        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty()), List.of(colon, nul, twice));
        assertEquals("`app: x` cannot be written as a key that Orloj's reader and a YAML parser read alike (no quotes, `:`, ` #`, flow or "
                + "leading indicator characters, surrounding spaces, and not a number, boolean or null): edit it in the text", said);
        assertEquals("`null` cannot be written so that both readers read it alike: edit it in the text", saidAgain);
        assertEquals("`team` is already in `metadata.labels`", thrice);
    }

    @Test
    void aFieldUnderAnAnchorOrAliasIsReadOnlyWithTheReason() throws IOException {
        String text = sample(AGENT_PATH).replace("  labels:\n", "  labels: &owners\n") + "  memory:\n    provider: x\n";
        String aliased = text.replace("    provider: x\n", "    ref: *owners\n");
        show(AGENT_PATH, aliased);

        FormField labels = field("metadata.labels");
        assertEquals(List.of(false, "`metadata.labels` uses an anchor or alias (anchor `&owners`): edit it in the text, where every place that shares it can be seen"),
                List.of(labels.editable(), labels.note()));
        assertEquals(Optional.empty(), viewModel.put(labels, "x", "y"));
        assertEquals(labels.note(), viewModel.messageProperty().get());
        assertEquals(false, field("spec.memory.ref").editable());
        assertEquals(true, field("spec.model_ref").editable());
    }

    // ------------------------------------------------------------------------------------------------ text blocks

    @Test
    void thePromptIsEditedAsLinesAndWrittenBackAsABlockUnderItsKey() throws IOException {
        String text = sample(AGENT_PATH);
        show(AGENT_PATH, text);

        String out = viewModel.set(field("spec.prompt"), "You resolve tickets.\n\nBe brief: one paragraph # at most.").orElseThrow().applyTo(text);

        assertEquals(text.replace("    You resolve customer support tickets.\n    Use the knowledge base and the order history, keep the CRM record up to date,\n"
                + "    and reply to the customer by email.\n", "    You resolve tickets.\n\n    Be brief: one paragraph # at most.\n"), out);
        assertEquals("You resolve tickets.\n\nBe brief: one paragraph # at most.", field("spec.prompt").value());
        assertEquals(Optional.empty(), viewModel.set(field("spec.prompt"), "You resolve tickets.\n\nBe brief: one paragraph # at most.\n"));
    }

    @Test
    void aOneLinePromptGainsABlockWhenItGainsALineAndAStartingSpaceIsRefused() throws IOException {
        String text = sample(AGENT_PATH).replace("  prompt: |\n    You resolve customer support tickets.\n    Use the knowledge base and the order history, keep the CRM record up to date,\n"
                + "    and reply to the customer by email.\n", "  prompt: Resolve tickets.\n");
        show(AGENT_PATH, text);

        assertEquals("spec.prompt TEXT_BLOCK Resolve tickets.", row(field("spec.prompt")));
        Optional<EditorChange> indented = viewModel.set(field("spec.prompt"), "  Resolve tickets.\nWell.");
        String said = viewModel.messageProperty().get();
        String out = viewModel.set(field("spec.prompt"), "Resolve tickets.\nWell.").orElseThrow().applyTo(text);

        assertEquals(Optional.empty(), indented);
        assertEquals("this text cannot be written as a block both readers read alike (a first line starting with a space or a tab, "
                + "a control character): edit it in the text", said);
        assertEquals(text.replace("  prompt: Resolve tickets.\n", "  prompt: |\n    Resolve tickets.\n    Well.\n"), out);
    }

    @Test
    void emptyingAPromptRemovesIt() throws IOException {
        String text = sample(AGENT_PATH);
        show(AGENT_PATH, text);

        String out = viewModel.set(field("spec.prompt"), " \n").orElseThrow().applyTo(text);

        assertEquals(text.replace("  prompt: |\n    You resolve customer support tickets.\n    Use the knowledge base and the order history, keep the CRM record up to date,\n"
                + "    and reply to the customer by email.\n", ""), out);
    }

    // ------------------------------------------------------------------------------------------------ graphs

    static final String SYSTEM_PATH = "systems/customer-ops-system.yaml";

    @Test
    void aSystemsGraphOffersItsOwnAgentsAsNodesAndEdges() throws IOException {
        show(SYSTEM_PATH, sample(SYSTEM_PATH));

        assertEquals(List.of(
                "spec.agents LIST [triage-agent, support-agent, billing-agent, account-agent]",
                "spec.graph NODES [triage-agent]",
                "spec.graph.triage-agent NODE ",
                "spec.graph.triage-agent.next CHOICE ",
                "spec.graph.triage-agent.edges LIST [support-agent, billing-agent, account-agent]",
                "spec.graph.triage-agent.join SECTION  (read-only)",
                "spec.graph.triage-agent.join.mode CHOICE ",
                "spec.graph.triage-agent.join.quorum_count INTEGER ",
                "spec.graph.triage-agent.join.quorum_percent INTEGER ",
                "spec.graph.triage-agent.join.on_failure CHOICE "),
                viewModel.formProperty().get().fields().stream().filter(f -> f.path().get(0).equals("spec") && f.path().size() > 1)
                        .map(FormViewModelTest::row).toList());
        assertEquals(List.of("support-agent", "billing-agent", "account-agent"), field("spec.graph").choices());
        assertEquals(List.of("triage-agent"), field("spec.graph.triage-agent.edges").choices());
        assertEquals(List.of(true, true), List.of(field("spec.graph.triage-agent.edges").closed(), field("spec.graph.triage-agent.next").closed()));
        assertEquals(List.of("triage-agent", "support-agent", "billing-agent", "account-agent"), field("spec.graph.triage-agent.next").choices());
    }

    @Test
    void aNodeIsAddedWithItsFirstEdgeAndEdgesAreRemovedOneByOne() throws IOException {
        String text = sample(SYSTEM_PATH);
        show(SYSTEM_PATH, text);

        String node = viewModel.addNode(field("spec.graph"), "support-agent").orElseThrow().applyTo(text);
        String edge = viewModel.add(field("spec.graph.support-agent.edges"), "account-agent").orElseThrow().applyTo(node);
        String next = viewModel.set(field("spec.graph.triage-agent.next"), "billing-agent").orElseThrow().applyTo(edge);
        String fewer = viewModel.remove(field("spec.graph.triage-agent.edges"), 0).orElseThrow().applyTo(next);
        String join = viewModel.set(field("spec.graph.support-agent.join.quorum_count"), "2").orElseThrow().applyTo(fewer);

        assertEquals(text + "    support-agent:\n", node);
        assertEquals(node + "      edges:\n        - to: account-agent\n", edge);
        assertEquals(edge.replace("    triage-agent:\n      edges:\n", "    triage-agent:\n      next: billing-agent\n      edges:\n"), next,
                "before the edges, where Orloj's reader would take it for the last edge's target");
        assertEquals(next.replace("        - to: support-agent\n", ""), fewer);
        assertEquals(fewer + "      join:\n        quorum_count: 2\n", join);
        assertEquals(List.of("billing-agent", "account-agent"), field("spec.graph.triage-agent.edges").items());
        String gone = viewModel.removeEntry(field("spec.graph.support-agent")).orElseThrow().applyTo(join);
        assertEquals(fewer.replace("    support-agent:\n      edges:\n        - to: account-agent\n", ""), gone);
    }

    @Test
    void anEdgeOrNodeOutsideTheSystemsAgentsIsRefused() throws IOException {
        show(SYSTEM_PATH, sample(SYSTEM_PATH));

        Optional<EditorChange> stranger = viewModel.add(field("spec.graph.triage-agent.edges"), "faq-agent");
        String said = viewModel.messageProperty().get();
        Optional<EditorChange> node = viewModel.addNode(field("spec.graph"), "triage-agent");
        String saidAgain = viewModel.messageProperty().get();

        assertEquals(List.of(Optional.empty(), "`faq-agent` is not one of `triage-agent`", Optional.empty(),
                "`triage-agent` is not an agent of `spec.agents` without a node yet"), List.of(stranger, said, node, saidAgain));
    }

    @Test
    void clearingTheFirstFieldOfARuleKeepsTheRestOfItsEntry() throws IOException {
        String text = sample("tool-permissions/crm-update.yaml");
        show("tool-permissions/crm-update.yaml", text);
        String first = field("spec.operation_rules.0.operation_class").value();

        String out = viewModel.set(field("spec.operation_rules.0.operation_class"), "").orElseThrow().applyTo(text);

        assertEquals(text.replace("    - operation_class: " + first + "\n      verdict:", "    - verdict:"), out);
        assertEquals(List.of("", "approval_required", 3L), List.of(field("spec.operation_rules.0.operation_class").value(),
                field("spec.operation_rules.0.verdict").value(),
                viewModel.formProperty().get().fields().stream().filter(f -> f.editor() == FieldEditor.ENTRY).count()));
    }

    @Test
    void everyMapAndTextOfEverySampleIsEditedWithoutANewReadingDifference() throws IOException {
        Path root = SampleWorkspaces.governed();
        List<dev.gatehouse.core.parse.SourceInput> inputs = ScenarioFiles.split(new WorkspaceFiles(ReadLimits.DEFAULT, root)
                .readAll(List.of(root))).manifests();
        int checked = 0;
        for (dev.gatehouse.core.parse.SourceInput input : inputs) {
            String path = input.id().toString();
            String text = new String(input.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<String> before = readingFindings(inputs, input.id(), text);
            List<FormField> fields = show(path, text).fields().stream()
                    .filter(f -> f.editable() && (f.editor() == FieldEditor.MAP || f.editor() == FieldEditor.TEXT_BLOCK)).toList();
            for (FormField f : fields) {
                show(path, text);
                FormField now = field(f.dotted());
                Optional<EditorChange> change = now.editor() == FieldEditor.MAP
                        ? viewModel.put(now, "gatehouse.dev/probe", "a value: with # and \u00e9")
                        : viewModel.set(now, (now.value().isEmpty() ? "First line." : now.value()) + "\nA second line: with # and \u00e9.");
                String out = change.orElseThrow(() -> new AssertionError(path + " " + f.dotted() + ": " + viewModel.messageProperty().get()))
                        .applyTo(text);
                assertEquals(before, readingFindings(inputs, input.id(), out), path + " " + f.dotted() + "\n" + out);
                checked++;
            }
        }
        assertEquals(true, checked >= 20, "maps and texts checked: " + checked);
    }

    /** The reading differences (GH5xx) the validator finds in one file of the workspace, with that file's text replaced. */
    private static List<String> readingFindings(List<dev.gatehouse.core.parse.SourceInput> inputs, dev.gatehouse.core.source.SourceId file, String text) {
        List<dev.gatehouse.core.parse.SourceInput> with = inputs.stream().map(i -> i.id().equals(file)
                ? new dev.gatehouse.core.parse.SourceInput(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : i).toList();
        return dev.gatehouse.core.validate.Validator.validate(new WorkspaceReader().read(with)).diagnostics().stream()
                .filter(d -> d.span().file().equals(file) && d.code().name().startsWith("GH5"))
                .map(d -> d.code() + " " + d.message()).sorted().toList();
    }

    // ------------------------------------------------------------------------------------------------ Orloj's reading

    @Test
    void aFieldAddedToAToolPermissionGoesBeforeItsRulesWhereOrlojReadsIt() throws IOException {
        String path = "tool-permissions/order-lookup-read-only.yaml";
        String text = sample(path);
        show(path, text);

        String out = viewModel.set(field("spec.match_mode"), "any").orElseThrow().applyTo(text);

        assertEquals(text.replace("  operation_rules:\n", "  match_mode: any\n  operation_rules:\n"), out);
    }

    @Test
    void aBlockLineOrlojWouldReadAsAKeyIsRefusedOutsideThePrompt() throws IOException {
        String path = "roles/support-writer.yaml";
        String text = sample(path).replace("  description: Updates CRM contacts and emails customers.\n",
                "  description: |\n    Updates CRM contacts\n    and emails customers.\n");
        show(path, text);

        assertEquals("spec.description TEXT_BLOCK Updates CRM contacts\nand emails customers.", row(field("spec.description")));
        Optional<EditorChange> key = viewModel.set(field("spec.description"), "Updates CRM contacts\nkind: Tool");
        String said = viewModel.messageProperty().get();
        String out = viewModel.set(field("spec.description"), "Updates CRM contacts,\nemails customers.").orElseThrow().applyTo(text);

        assertEquals(Optional.empty(), key);
        assertEquals("Orloj would read this otherwise than a parser does (orloj's reader reads `kind` as `Tool`, a yaml parser as `AgentRole`): "
                + "edit it in the text", said);
        assertEquals(text.replace("    Updates CRM contacts\n    and emails customers.\n", "    Updates CRM contacts,\n    emails customers.\n"), out);
    }

    @Test
    void aFoldedPromptIsWrittenBackAsTheLiteralBlockOrlojReads() throws IOException {
        String text = sample(AGENT_PATH).replace("  prompt: |\n", "  prompt: >\n");
        show(AGENT_PATH, text);

        String out = viewModel.set(field("spec.prompt"), "Resolve tickets.\nReply by email.").orElseThrow().applyTo(text);

        assertEquals(text.replace("  prompt: >\n    You resolve customer support tickets.\n    Use the knowledge base and the order history, keep the CRM record up to date,\n"
                + "    and reply to the customer by email.\n", "  prompt: |\n    Resolve tickets.\n    Reply by email.\n"), out);
    }
}
