import Foundation
import Testing
@testable import App

/// The mail settings read from the environment, and a message as the server receives it.
@Suite struct MailMessageTests {
    @Test func theSettingsNameTheServerItsSecurityAndTheSender() throws {
        // act
        let submission = try MailSettings.parse(url: "smtp+starttls://clinic%40mail.example:s3cret@mail.example", from: "Springfield Pain Center <reminders@clinic.example>", phone: nil)
        let relay = try MailSettings.parse(url: "smtp://127.0.0.1:2525", from: "Clinic <a@b.example>", phone: "555")
        // check
        #expect(submission.host == "mail.example" && submission.port == 587 && submission.security == .startTLS)
        #expect(submission.username == "clinic@mail.example" && submission.password == "s3cret" && submission.fromName == "Springfield Pain Center")
        #expect(relay.security == .none && relay.port == 2525 && relay.fromAddress == "a@b.example")
    }

    @Test(arguments: [("smtp://mail.example", "Clinic <a@b.example>"), ("http://127.0.0.1", "Clinic <a@b.example>"),
                      ("smtp://127.0.0.1", "a@b.example"), ("smtp://127.0.0.1", "Clinic <a@b.example>\r\nBcc: x@y.example>"),
                      ("smtp://127.0.0.1", "Clinic <a\u{0}@b.example>")])
    func plainMailToAnotherMachineAndABadSenderAreRefused(url: String, from: String) {
        // act / check
        #expect(throws: ConfigError.self) { try MailSettings.parse(url: url, from: from, phone: nil) }
    }

    @Test func noLineBreakReachesAHeaderAndTheTextCannotEndTheMessage() throws {
        // setup
        let message = MailMessage(fromName: "Clínica \"Sur\"", fromAddress: "a@b.example", to: "z@y.example", subject: "Hello\r\nBcc: evil@x.example",
                                  body: "Line one\n.\nLine three", date: Date(timeIntervalSince1970: 0), messageID: "abc")
        // act
        let text = message.rendered
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        // check
        #expect(!headers.contains { $0.hasPrefix("Bcc") } && headers.contains("Subject: HelloBcc: evil@x.example"))
        #expect(headers.contains("From: =?UTF-8?B?\(Data("Clínica \"Sur\"".utf8).base64EncodedString())?= <a@b.example>"))
        #expect(headers.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000") && headers.contains("Message-ID: <abc@b.example>"))
        #expect(SMTPClient.dotStuffed("a\r\n.\r\n..b") == "a\r\n..\r\n...b")
        let body = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(data: Data(base64Encoded: body)!, encoding: .utf8) == "Line one\r\n.\r\nLine three")
    }
}
