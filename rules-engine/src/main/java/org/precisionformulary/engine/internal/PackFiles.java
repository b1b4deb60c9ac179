// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists and hashes the files of a pack, whether it sits in a jar, a classpath folder or a directory. */
public final class PackFiles {

    private PackFiles() {
    }

    /**
     * Reads every file under a classpath folder, from a jar or from a directory.
     *
     * @param loader the class loader to search
     * @param folder e.g. {@code org/precisionformulary/rules}
     * @return relative path (from the classpath root) to content, sorted by path
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static TreeMap<String, byte[]> readClasspathFolder(ClassLoader loader, String folder) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(folder);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if ("jar".equals(url.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            JarEntry entry = e.nextElement();
                            if (!entry.isDirectory() && entry.getName().startsWith(folder + "/")) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    files.putIfAbsent(entry.getName(), in.readAllBytes());
                                }
                            }
                        }
                    }
                } else if ("file".equals(url.getProtocol())) {
                    Path root = Paths.get(url.toURI());
                    Path base = root;
                    for (int i = 0; i < folder.split("/").length; i++) {
                        base = base.getParent();
                    }
                    for (var e : readDirectory(root).entrySet()) {
                        files.putIfAbsent(base.relativize(root.resolve(e.getKey())).toString().replace('\\', '/'), e.getValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /**
     * @param jar a pack packaged as a jar (or zip): its entries, relative to the jar's root
     * @return path to content, sorted by path; directories and the jar's own META-INF are left out
     * @throws UncheckedIOException when the jar cannot be read
     */
    public static TreeMap<String, byte[]> readJar(Path jar) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return files;
    }

    /**
     * @param root a directory
     * @return path relative to root (with '/') to content, sorted by path
     * @throws UncheckedIOException when the directory cannot be read
     */
    public static TreeMap<String, byte[]> readDirectory(Path root) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
            for (Path p : paths) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return files;
    }

    /**
     * @param files path to content
     * @return only the files an author writes: everything but compiled classes
     */
    public static TreeMap<String, byte[]> sources(TreeMap<String, byte[]> files) {
        TreeMap<String, byte[]> out = new TreeMap<>(files);
        out.keySet().removeIf(path -> path.endsWith(".class"));
        return out;
    }

    /**
     * @param files path to content
     * @return SHA-256 over each path and content, in path order, as hex
     */
    public static String sha256(TreeMap<String, byte[]> files) {
        MessageDigest digest = sha256();
        for (var e : files.entrySet()) {
            digest.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(e.getValue());
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256 as hex
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
