package com.example.websupport;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
    static class DatabaseErrors {

        @Bean
        DatabaseUnavailableResponses databaseUnavailableResponses() {
            return new DatabaseUnavailableResponses();
        }
    }
}
