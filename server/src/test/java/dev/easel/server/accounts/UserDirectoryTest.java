package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.EaselProperties;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.cache.CaffeineReadCache;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.images.ImageDecoder;
import dev.easel.server.images.ImageProperties;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Profiles, users as content and as search documents, on H2 and PostgreSQL through the real repositories. */
class UserDirectoryTest {
    @TempDir
    Path dataDir;

    private record Setup(
            UserService users, ProfileService profiles, UserContentDirectory directory, UserSearchSource search) {}

    private Setup setup(Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.create(kind));
        ProfileRepository profileRows = new ProfileRepository(jdbc);
        // Delivered synchronously, as Spring does, so the profile cache hears of every change.
        List<ProfileService> listeners = new CopyOnWriteArrayList<>();
        ApplicationEventPublisher events = event -> {
            if (event instanceof ContentChanged change) {
                listeners.forEach(listener -> listener.forget(change));
            }
        };
        UserService users = new UserService(
                new UserRepository(jdbc), PasswordEncoderFactories.createDelegatingPasswordEncoder(), events);
        ProfileService profiles = new ProfileService(
                profileRows,
                new AvatarStore(
                        new EaselProperties(dataDir, null, null),
                        new ImageDecoder(new ImageProperties(null, null, null))),
                new CaffeineReadCache(100, Duration.ofMinutes(5)),
                events);
        listeners.add(profiles);
        return new Setup(
                users, profiles, new UserContentDirectory(profileRows, users), new UserSearchSource(profileRows));
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void profileEditsAreReadBackThroughTheCache(Kind kind) {
        Setup setup = setup(kind);
        UserAccount ann = setup.users().create(new NewUser("ann", "Ann", null));
        assertThat(setup.profiles().find("ann", null).orElseThrow().bio()).isNull();

        setup.profiles().update(ann, "Ann A.", "Painter of <things>");

        Profile profile = setup.profiles().find("ann", null).orElseThrow();
        assertThat(profile.displayName()).isEqualTo("Ann A.");
        assertThat(profile.bio()).isEqualTo("Painter of <things>");
        assertThat(profile.createdAt()).isNotNull();
        setup.profiles().update(ann, "  ", "");
        assertThat(setup.profiles().find("ann", null).orElseThrow().displayName())
                .isEqualTo("ann");
        assertThat(setup.profiles().find("ann", null).orElseThrow().bio()).isNull();
        assertThat(setup.profiles().find("nobody", null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void identicalAvatarsShareOneFileWhichGoesWithItsLastUser(Kind kind) throws IOException {
        Setup setup = setup(kind);
        UserAccount ann = setup.users().create(new NewUser("ann", null, null));
        UserAccount bob = setup.users().create(new NewUser("bob", null, null));
        byte[] image = png(20, 10);

        String annUrl = setup.profiles().setAvatar(ann, image).avatarUrl();
        String bobUrl = setup.profiles().setAvatar(bob, image).avatarUrl();
        Path file = dataDir.resolve("avatars").resolve(annUrl.substring(ProfileService.AVATAR_PATH.length()));

        assertThat(bobUrl).isEqualTo(annUrl);
        assertThat(file).exists();
        setup.profiles().removeAvatar(ann);
        assertThat(file).exists();
        setup.profiles().setAvatar(bob, png(30, 10));
        assertThat(file).doesNotExist();
        try (var files = Files.list(dataDir.resolve("avatars"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usersAreContentWhoseHidingIsSuspension(Kind kind) {
        Setup setup = setup(kind);
        UserAccount ann = setup.users().create(new NewUser("ann", null, null), Role.ADMIN);
        UserAccount bob = setup.users().create(new NewUser("bob", null, null));
        UserAccount moderator = setup.users()
                .setRole(
                        ann,
                        setup.users().create(new NewUser("mod", null, null)).id(),
                        Role.MODERATOR);
        String id = Long.toString(bob.id());

        assertThat(setup.directory().find(id, null))
                .contains(new ContentSummary(ContentKind.USER, id, bob.id(), "bob", false));
        setup.directory().setHidden(id, true);

        assertThat(setup.users().isSuspended(bob.id())).isTrue();
        assertThat(setup.directory().find(id, null)).isEmpty();
        assertThat(setup.directory().find(id, setup.users().anonymous())).isEmpty();
        assertThat(setup.directory().find(id, moderator))
                .map(ContentSummary::hidden)
                .contains(true);
        assertThat(setup.directory().find(id, bob)).isPresent();
        assertThat(setup.directory().findAny(id)).map(ContentSummary::hidden).contains(true);
        assertThat(setup.profiles().find("bob", null)).isEmpty();
        assertThat(setup.profiles().find("bob", moderator))
                .map(Profile::suspended)
                .contains(true);
        setup.directory().setHidden(id, false);
        assertThat(setup.directory().find(id, null)).isPresent();
        assertThat(setup.directory().findAny("not-a-number")).isEmpty();
        assertThat(setup.directory().findAny(Long.toString(bob.id() + 1000))).isEmpty();
        assertThatThrownBy(() -> setup.directory().setHidden("x", true)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void searchListsActiveRegisteredUsersWithNameTitleAndBioText(Kind kind) {
        Setup setup = setup(kind);
        setup.users().anonymous();
        setup.users().builtIn(UserService.ADMIN, "Administrator", Role.ADMIN);
        UserAccount ann = setup.users().create(new NewUser("ann", "Ann Painter", null));
        UserAccount bob = setup.users().create(new NewUser("bob", null, null));
        setup.profiles().update(ann, "Ann Painter", "watercolour landscapes");
        setup.users().setSuspended(bob.id(), true);

        List<SearchDocument> all = setup.search().all();

        assertThat(all).extracting(SearchDocument::id).containsExactly(Long.toString(ann.id()));
        SearchDocument document = all.get(0);
        assertThat(document.kind()).isEqualTo(ContentKind.USER);
        assertThat(document.title()).isEqualTo("ann Ann Painter");
        assertThat(document.text()).isEqualTo("watercolour landscapes");
        assertThat(setup.search().document(Long.toString(ann.id()))).contains(document);
        assertThat(setup.search().document(Long.toString(bob.id()))).isEmpty();
        assertThat(setup.search()
                        .document(Long.toString(setup.users().anonymous().id())))
                .isEmpty();
    }
}
