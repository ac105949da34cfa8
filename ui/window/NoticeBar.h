#pragma once

#include <QFrame>

class QLabel;

namespace edge::ui {

// A strip above the pages for things worth knowing that need no answer (no keychain, a
// sign-out the server did not hear of). Stays until closed; never blocks.
class NoticeBar final : public QFrame
{
    Q_OBJECT

public:
    explicit NoticeBar(QWidget *parent = nullptr);
    void showNotice(const QString &text);
    QString text() const;

private:
    QLabel *m_text = nullptr;
};

} // namespace edge::ui
