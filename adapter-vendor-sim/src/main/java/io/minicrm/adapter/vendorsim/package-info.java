/**
 * The messaging vendor, driven side: {@link io.minicrm.adapter.vendorsim.HttpVendorGateway} implements the
 * application's {@code VendorGateway} port over HTTP ({@link io.minicrm.adapter.vendorsim.VendorProtocol}), and
 * {@link io.minicrm.adapter.vendorsim.VendorSimulator} is a vendor that speaks the same protocol, in-process or
 * standalone ({@link io.minicrm.adapter.vendorsim.VendorSimulatorMain}), posting HMAC-signed receipts to
 * {@code POST /api/receipt}. The module's README describes the wire protocol and the configuration.
 */
package io.minicrm.adapter.vendorsim;
