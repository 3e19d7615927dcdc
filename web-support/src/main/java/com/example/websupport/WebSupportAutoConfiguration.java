package com.example.websupport;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Switched on in every app that has this module on its class path (see META-INF/spring/...AutoConfiguration.imports).
 * Its package lies outside the apps' com.example.visits, so that component scanning never registers these beans a
 * second time, around the conditions below.
 */
@AutoConfiguration
public class WebSupportAutoConfiguration {

    @Bean
    ServedByHeaderFilter servedByHeaderFilter(@Value("${visits.instance-name:}") String instanceName) {
        return new ServedByHeaderFilter(instanceName.isBlank() ? InstanceName.ofThisHost() : instanceName);
    }

    @Bean
    JsonErrorResponses jsonErrorResponses() {
        return new JsonErrorResponses();
    }

    @Bean
    DirectErrorPathFilter directErrorPathFilter(@Value("${server.error.path:/error}") String errorPath) {
        return new DirectErrorPathFilter(errorPath);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatErrors {

        /** Runs after Spring Boot's own customizer, which adds the HTML error report valve this one replaces. */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonErrorReportValve() {
            return factory -> factory.addContextCustomizers(JsonErrorReportValve::install);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class DatabaseErrors {

        @Bean
        DatabaseUnavailableResponses databaseUnavailableResponses() {
            return new DatabaseUnavailableResponses();
        }
    }
}
