package com.example.websupport;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which replica answered: in a pod, Kubernetes sets HOSTNAME to the pod's name. */
final class InstanceName {

    private InstanceName() {
    }

    static String ofThisHost() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
