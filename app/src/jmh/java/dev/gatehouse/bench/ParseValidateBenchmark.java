package dev.gatehouse.bench;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The in-process path of {@code gatehouse validate} on pre-read files, under JMH: reading (parse, bind, compare
 * with Orloj's reading), validation of a read workspace, and both. The setup reads the instance from disk once
 * and checks the answers before anything is measured. Instance folder by {@code -p instance=/tmp/bench-medium}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
public class ParseValidateBenchmark {
    @Param("/tmp/bench-large")
    public String instance;

    private List<SourceInput> inputs;
    private Workspace workspace;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchInstance bench = BenchInstance.open(Path.of(instance));
        inputs = bench.read();
        ValidationResult result = Validator.validate(new WorkspaceReader().read(inputs));
        bench.check(inputs, result);
        workspace = result.workspace();
    }

    @Benchmark
    public Workspace read() {
        return new WorkspaceReader().read(inputs);
    }

    @Benchmark
    public ValidationResult validate() {
        return Validator.validate(workspace);
    }

    @Benchmark
    public ValidationResult readAndValidate() {
        return Validator.validate(new WorkspaceReader().read(inputs));
    }
}
