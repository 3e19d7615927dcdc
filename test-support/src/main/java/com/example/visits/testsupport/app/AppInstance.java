package com.example.visits.testsupport.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of an app running in this JVM on a free port, standing in for one replica (one pod) of a
 * Deployment. Settings are passed as command-line arguments, as a container's environment would set them, so that
 * {@code DB_HOST} and friends go through the same placeholders as in the cluster. Start two instances one after
 * the other (Spring Boot's start-up is not meant to run twice at once in one JVM); for a simultaneous start use
 * {@link AppProcess}.
 */
public final class AppInstance implements RunningApp {

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;

    private AppInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts {@code application} as replica {@code name} with these settings (e.g. a database's DB_* variables). */
    public static AppInstance start(Class<?> application, String name, Map<String, String> settings) {
        var context = new SpringApplicationBuilder(application).run(arguments(name, settings));
        return new AppInstance(name, context);
    }

    static String[] arguments(String name, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("server.port", "0");
        all.put("visits.instance-name", name);
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public boolean isRunning() {
        return context.isActive();
    }

    @Override
    public void close() {
        context.close();
    }
}
