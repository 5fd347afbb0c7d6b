package dev.anomaly.broker.cli;

import dev.anomaly.commandline.ExitException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads {@code --sasl-users}: a properties file of user=password lines. */
final class SaslUsersFile {
    private SaslUsersFile() {
    }

    static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw ExitException.failure("--sasl-users " + file + ": no such file");
        } catch (IOException e) {
            throw ExitException.failure("--sasl-users " + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (properties.isEmpty()) {
            throw ExitException.failure("--sasl-users " + file + ": no user=password line");
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String user : properties.stringPropertyNames()) {
            String password = properties.getProperty(user);
            if (password.isEmpty()) {
                throw ExitException.failure("--sasl-users " + file + ": user '" + user + "' has an empty password");
            }
            users.put(user, password);
        }
        return users;
    }
}
