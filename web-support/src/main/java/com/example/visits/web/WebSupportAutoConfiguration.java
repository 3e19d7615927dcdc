package com.example.visits.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Switched on in every app that has this module on its classpath (see META-INF/spring/...AutoConfiguration.imports). */
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
