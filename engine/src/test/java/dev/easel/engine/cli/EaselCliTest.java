package dev.easel.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EaselCliTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EaselCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generateWritesPngsWithMetadata() throws IOException {
        Path model = TinyModels.write(dir.resolve("tiny"), TinyModelSpec.defaults());
        Path output = dir.resolve("out");
        Run run = run(
                "generate",
                "red cat",
                "-n",
                "2",
                "--seed",
                "5",
                "--steps",
                "3",
                "--width",
                "32",
                "--height",
                "32",
                "--sampler",
                "DPM++ 2M",
                "--negative",
                "blurry",
                "--model",
                model.toString(),
                "-o",
                output.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Path> files;
        try (Stream<Path> list = Files.list(output)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("00000-5.png", "00001-6.png");
        GenerationInfo info = GenerationInfo.parse(
                PngImages.readParameters(Files.readAllBytes(files.get(1))).orElseThrow());
        assertThat(info.seed()).isEqualTo(6);
        assertThat(info.sampler()).isEqualTo("DPM++ 2M");
        assertThat(info.negativePrompt()).isEqualTo("blurry");
        assertThat(run.out()).contains("00001-6.png");
    }

    @Test
    void badArgumentsGetAMessageNotAStackTrace() {
        Path model = TinyModels.write(dir.resolve("tiny"), TinyModelSpec.defaults());
        Run steps = run("generate", "cat", "--steps", "0", "--model", model.toString(), "-o", dir.toString());
        assertThat(steps.exitCode()).isEqualTo(2);
        assertThat(steps.err()).contains("steps must be between 1 and 150").doesNotContain("Exception");
        Run sampler = run("generate", "cat", "--sampler", "nope", "--model", model.toString());
        assertThat(sampler.exitCode()).isEqualTo(2);
        assertThat(sampler.err()).contains("unknown sampler 'nope'");
        Run init = run(
                "generate", "cat", "--init", model.resolve("model_index.json").toString(), "--model", model.toString());
        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.err()).contains("init image");
        Run number = run("generate", "cat", "--steps", "many");
        assertThat(number.exitCode()).isEqualTo(2);
        assertThat(number.err()).contains("--steps");
        Run workers = run("generate", "cat", "--row-workers", "0", "--model", model.toString());
        assertThat(workers.exitCode()).isEqualTo(2);
        assertThat(workers.err()).contains("--row-workers must be at least 1, got 0");
        Run threads = run("generate", "cat", "--threads", "-2", "--model", model.toString());
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be 0 (one per core) or more, got -2");
    }

    @Test
    void modelsCheckListsEveryProblem() throws IOException {
        Path good = TinyModels.write(dir.resolve("good"), TinyModelSpec.defaults());
        Run ok = run("models", "check", good.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("OK").contains("text width 32");

        Path bad = TinyModels.write(dir.resolve("bad"), TinyModelSpec.defaults().withUnetTextWidth(64));
        Files.delete(bad.resolve("tokenizer/vocab.json"));
        Run broken = run("models", "check", bad.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err())
                .contains("2 problem(s)")
                .contains("vocab.json")
                .contains("unet/model.onnx: encoder_hidden_states is 64 wide but text_encoder emits 32");
    }
}
