package io.minicrm.bootstrap;

import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.application.port.TreeCodec;
import io.minicrm.application.port.UserRepository;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;
import java.util.Objects;

/** The adapters chosen for each port, as {@link Assembly} wires them into the use cases. */
record Ports(Stores stores, WorkQueue queue, VendorGateway vendor, AiAssistant ai, IdentityVerifier identity,
             TreeCodec codec, Metrics metrics) {

    /** The store's repositories (in-process, the embedded store, or MongoDB). */
    record Stores(CustomerRepository customers, OrderRepository orders, SegmentRepository segments,
                  CampaignRepository campaigns, DeliveryLogRepository deliveries, UserRepository users,
                  LeaseRepository leases, IngestionRepository ingestions) {
        Stores {
            Objects.requireNonNull(customers, "customers");
            Objects.requireNonNull(orders, "orders");
            Objects.requireNonNull(segments, "segments");
            Objects.requireNonNull(campaigns, "campaigns");
            Objects.requireNonNull(deliveries, "deliveries");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(leases, "leases");
            Objects.requireNonNull(ingestions, "ingestions");
        }
    }

    Ports {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(metrics, "metrics");
    }
}
