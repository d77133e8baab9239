package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockListTest {
    @TempDir
    Path dir;

    private static BlockList parse(String content) {
        return BlockList.parse("test", "test.txt", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneTermPerLineSkippingCommentsAndBlanks() {
        BlockList list = parse("""
                # a comment line
                first term

                   second term   \t
                third # a note about it
                  # an indented comment
                #fourth is commented out
                幼女色情
                """);
        assertThat(list.name()).isEqualTo("test");
        assertThat(list.terms()).containsExactly("first term", "second term", "third", "幼女色情");
    }

    @Test
    void ignoresAByteOrderMarkAndAcceptsEveryLineEnding() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "alpha\r\nbeta\rgamma\ndelta".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);
        BlockList list = BlockList.parse("x", "x.txt", content);
        assertThat(list.terms()).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(new TermMatcher(List.of(list)).find("alpha"))
                .as("the BOM is not part of the first term")
                .isPresent();
    }

    @Test
    void rejectsContentThatIsNotUtf8() {
        byte[] latin1 = "pédo".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> BlockList.parse("x", "/lists/x.txt", latin1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("block list /lists/x.txt is not valid UTF-8");
    }

    @Test
    void rejectsTermsWithoutLettersAndOverlongTerms() {
        assertThatThrownBy(() -> parse("ok\n... --- ...\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("block list test.txt line 2: term '... --- ...' has no letters or digits");
        assertThatThrownBy(() -> parse("a".repeat(BlockList.MAX_TERM_LENGTH + 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("block list test.txt line 1: term is longer than 100 characters");
        assertThat(parse("字".repeat(BlockList.MAX_TERM_LENGTH)).terms()).hasSize(1);
    }

    @Test
    void shipsListsInSeveralLanguages() {
        List<BlockList> defaults = BlockLists.defaults();
        assertThat(defaults)
                .extracting(BlockList::name)
                .containsExactly("csam-de", "csam-en", "csam-es", "csam-fr", "csam-ja", "csam-ru", "csam-zh");
        assertThat(defaults).allSatisfy(list -> assertThat(list.terms()).isNotEmpty());
        assertThat(defaults.get(1).terms()).contains("child porn");
        assertThat(defaults.get(6).terms()).contains("儿童色情", "兒童色情");
    }

    @Test
    void loadsAConfiguredFile() throws IOException {
        Path file = Files.writeString(dir.resolve("violence-zh.txt"), "# 暴力\n斩首视频\n");
        assertThat(BlockLists.configured(file)).containsExactly(new BlockList("violence-zh", List.of("斩首视频")));
    }

    @Test
    void loadsTheTxtFilesOfAConfiguredFolderByName() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "bravo");
        Files.writeString(dir.resolve("a.txt"), "alpha");
        Files.writeString(dir.resolve("README.md"), "not a list");
        Files.createDirectories(dir.resolve("nested.txt"));
        assertThat(BlockLists.configured(dir))
                .containsExactly(new BlockList("a", List.of("alpha")), new BlockList("b", List.of("bravo")));
    }

    @Test
    void addsConfiguredListsAfterTheShippedOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("extra.txt"), "extra");
        List<BlockList> lists = BlockLists.load(List.of(file));
        assertThat(lists).hasSize(BlockLists.defaults().size() + 1);
        assertThat(lists.getLast()).isEqualTo(new BlockList("extra", List.of("extra")));
    }

    @Test
    void aMissingListIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope/violence-en.txt");
        assertThatThrownBy(() -> BlockLists.load(List.of(missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist")
                .hasMessageStartingWith("easel.moderation.blocklists");
    }

    @Test
    void aBrokenConfiguredListNamesItsFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.txt"), "fine\n\n!!!\n");
        assertThatThrownBy(() -> BlockLists.configured(file))
                .hasMessage("block list " + file.toAbsolutePath() + " line 3: term '!!!' has no letters or digits");
    }
}
