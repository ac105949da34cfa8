#include "application/EventBus.h"
#include "dialogs/MessageBoxes.h"
#include "editor/LessonEditor.h"
#include "support/FakeUserRepository.h"
#include "support/GuiTestSupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;
using namespace edge::ui;
using edge::test::FakeLessonRepository;
using testsupport::child;
using Call = FakeLessonRepository::Call;

// The lesson editor when saving goes wrong, over a test double of the store: a lost
// connection keeps the text and lets the user save again; a save that stored the metadata
// but not the HTML sends only the HTML the second time; an expired sign-in waits for the
// new one; a refusal by role says so.
class TestLessonEditor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void aLostConnectionKeepsTheTextAndSavesOnRetry();
    void aHalfDoneSaveSendsOnlyWhatIsLeft();
    void anExpiredSignInSavesAgainAfterTheNewOne();

private:
    LessonEditor *openEditor(const Lesson &lesson);
    QString formMessage() const { return child<QLabel>(m_editor, "formMessage")->text(); }

    QTemporaryDir m_home;
    EventBus m_bus;
    FakeLessonRepository *m_lessons = nullptr; // owned by the services' backend
    std::shared_ptr<Services> m_services;
    QPointer<LessonEditor> m_editor;
};

void TestLessonEditor::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestLessonEditor::init()
{
    m_lessons = new FakeLessonRepository;
    m_services = std::make_shared<Services>(std::make_unique<FakeBackend>(new FakeUserRepository, m_lessons), m_bus,
                                            Actor{});
}

void TestLessonEditor::cleanup()
{
    delete m_editor;
    m_services.reset();
    m_lessons = nullptr;
}

LessonEditor *TestLessonEditor::openEditor(const Lesson &lesson)
{
    m_editor = LessonEditor::forEdit(m_services, lesson, nullptr);
    m_editor->show();
    [this] { QTRY_VERIFY(!m_editor->isLoading()); }();
    if (!testsupport::showActive(m_editor))
        QTest::qFail("the editor did not become active", __FILE__, __LINE__);
    return m_editor;
}

void TestLessonEditor::aLostConnectionKeepsTheTextAndSavesOnRetry()
{
    const Lesson lesson = m_lessons->put(FakeLessonRepository::makeLesson(QStringLiteral("Offline")), "<p>a</p>");
    openEditor(lesson);
    m_editor->sourceEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(m_editor->sourceEdit(), QStringLiteral("<p>b</p>"));

    m_lessons->failNext(Call::PutContent, DomainError(ErrorKind::Unavailable, QStringLiteral("The Worker could not be reached")));
    QTest::keyClick(m_editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(formMessage().contains(QStringLiteral("could not be reached")));
    QVERIFY(m_editor->isWindowModified());
    QCOMPARE(m_editor->sourceEdit()->toPlainText(), QStringLiteral("<p>a</p><p>b</p>")); // nothing lost
    QCOMPARE(*m_lessons->contentOf(lesson.id), QByteArray("<p>a</p>"));               // the old one stays

    QTest::keyClick(m_editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier); // the connection is back
    QTRY_VERIFY(!m_editor->isWindowModified());
    QCOMPARE(*m_lessons->contentOf(lesson.id), QByteArray("<p>a</p><p>b</p>"));
    QCOMPARE(m_lessons->lesson(lesson.id)->version, 2);
}

void TestLessonEditor::aHalfDoneSaveSendsOnlyWhatIsLeft()
{
    const Lesson lesson = m_lessons->put(FakeLessonRepository::makeLesson(QStringLiteral("Half")), "<p>a</p>");
    openEditor(lesson);
    auto *title = child<QLineEdit>(m_editor, "titleEdit");
    title->setFocus();
    title->end(false);
    QTest::keyClicks(title, QStringLiteral(" way"));
    m_editor->sourceEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(m_editor->sourceEdit(), QStringLiteral("<p>b</p>"));

    m_lessons->failNext(Call::PutContent, DomainError(ErrorKind::Unavailable, QStringLiteral("Connection reset")));
    QTest::mouseClick(child<QPushButton>(m_editor, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY(formMessage().contains(QStringLiteral("Connection reset")));
    QCOMPARE(m_lessons->lesson(lesson.id)->title, QStringLiteral("Half way")); // the metadata went in
    QCOMPARE(m_editor->lesson()->version, 2);
    QVERIFY(m_editor->isWindowModified()); // the HTML is still to save

    m_lessons->resetCalls();
    QTest::mouseClick(child<QPushButton>(m_editor, "saveButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_editor->isWindowModified());
    QCOMPARE(m_lessons->calls(Call::Update), 0); // not the metadata again
    QCOMPARE(m_lessons->calls(Call::PutContent), 1);
    QCOMPARE(*m_lessons->contentOf(lesson.id), QByteArray("<p>a</p><p>b</p>"));
    QCOMPARE(m_lessons->lesson(lesson.id)->version, 3);
}

void TestLessonEditor::anExpiredSignInSavesAgainAfterTheNewOne()
{
    const Lesson lesson = m_lessons->put(FakeLessonRepository::makeLesson(QStringLiteral("Expired")), "<p>a</p>");
    openEditor(lesson);
    m_editor->sourceEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(m_editor->sourceEdit(), QStringLiteral("<p>b</p>"));
    m_lessons->failNext(Call::PutContent, UnauthorizedError(QStringLiteral("Token expired")));
    QTest::keyClick(m_editor->sourceEdit(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(formMessage().contains(QStringLiteral("sign-in has expired")));
    QVERIFY(m_editor->isWindowModified());

    m_editor->retryAfterSignIn(); // what the window does once signed in again
    QTRY_VERIFY(!m_editor->isWindowModified());
    QCOMPARE(*m_lessons->contentOf(lesson.id), QByteArray("<p>a</p><p>b</p>"));
}

QTEST_MAIN(TestLessonEditor)
#include "tst_lessoneditor.moc"
