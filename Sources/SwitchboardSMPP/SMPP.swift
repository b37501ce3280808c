/// SMPP 3.4 (the SMS Forum's Short Message Peer-to-Peer protocol, version 3.4, issue 1.2).
public enum SMPP {
    /// The interface version a bind names: 3.4.
    public static let interfaceVersion: UInt8 = 0x34
}
