<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountStore</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key &quot;jid&quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jid &quot;%1&quot; is not a valid address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resource &quot;%1&quot; is not a valid resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>security must be required, ifpossible or disabled, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be true or false, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caFile &quot;%1&quot; holds no PEM certificate or cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no account to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be made private to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>security=%1 is allowed only for a server on this computer, not %2; use security=required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddFriendDialog</name>
    <message>
        <source>Add friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add by account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi, I&apos;d like to add you as a friend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi, I&apos;m %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a full account such as name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot add yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname, name or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find people on your server&apos;s directory by their nickname, name or e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already a friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or add them by account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people found. Pick one to send a friend request.</source>
        <translation>
            <numerusform>%n person found. Pick them to send a friend request.</numerusform>
            <numerusform>%n people found. Pick one to send a friend request.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is already your friend.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BirthdayField</name>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The birthday cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Some messages that came while you were offline may be missing: the server&apos;s message archive could not be read completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History may be incomplete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>View profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatSearchPanel</name>
    <message>
        <source>Search this chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n message found</numerusform>
            <numerusform>%n messages found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatTime</name>
    <message>
        <source>Yesterday %1</source>
        <comment>time row in a chat; %1 is the time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>time row in a chat: weekday, time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>time row in a chat: date, time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a conversation on the left to start chatting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – Xin</source>
        <comment>chat window title; %1 is the contact&apos;s name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientErrors</name>
    <message>
        <source>%1 (the server says: “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid for %1 (it is for %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not issued by an authority this computer trusts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate has been revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this account has been disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server requires encryption for this way of signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not accept this way of signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server could not check the password just now; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing in was aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing in failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you signed in from another place with the same device name, which replaced this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not serve this domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server ended the session: not authorised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server ended the session because of its policy (for example too much traffic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed an idle connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server asked to connect to another host, which Xin does not do automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server ended the session (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection ended before the answer came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service does not offer this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such service or user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not allow this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not accept the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server could not do this just now; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search this chat&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>You are offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n second(s).</source>
        <translation>
            <numerusform>Reconnecting in %n second.</numerusform>
            <numerusform>Reconnecting in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the network to come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Catching up on messages: %n so far…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Catching up on messages: %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row; Chinese needs no space</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionText</name>
    <message>
        <source>%1.</source>
        <comment>ends a sentence; use the language&apos;s full stop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the server&apos;s certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server for %1 cannot be found. Check the address, or enter the server&apos;s host name under Advanced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server for %1 refused the connection. It may be down, or the port may be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer an encrypted connection, so your password was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection to the server could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no sign-in method that keeps your password safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password, or no such account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been disabled by the server&apos;s administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not let this device sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in from another place, so this session was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent data that is refused for safety reasons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not follow the XMPP protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings cannot work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server now offers only a weaker sign-in method than before; someone may be tampering with the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the session…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Waiting for approval]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1]</source>
        <comment>presence in brackets before the status message; Chinese uses full-width 【】 or []</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last seen %n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>last seen yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>last seen %n days ago</source>
        <translation>
            <numerusform>last seen %n day ago</numerusform>
            <numerusform>last seen %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactListView</name>
    <message>
        <source>Set remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remark for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for the group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from your contacts?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the group &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should happen to the contacts in it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move them to &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove them from my contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactMenu</name>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set remark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsController</name>
    <message>
        <source>Friend request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wants to add you as a friend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friend requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more friend request(s) arrived.</source>
        <translation>
            <numerusform>%n more friend request arrived.</numerusform>
            <numerusform>%n more friend requests arrived.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DescriptionField</name>
    <message>
        <source>A few words about yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;About me&quot; is too long: at most %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectorySearch</name>
    <message>
        <source>Cannot look for a directory on your server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your server offers no user directory. Add friends by their account instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directory %1 did not answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directory %1 cannot search by name, nickname or e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DowngradeQuestion</name>
    <message>
        <source>Xin: sign-in method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with a weaker method?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server now offers only %1, weaker than %2 this account used before. This can mean someone is tampering with your connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s administrator changed this: don&apos;t ask again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FriendRequestRow</name>
    <message>
        <source>Wants to add you as a friend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remark (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FriendRequestsDialog</name>
    <message>
        <source>Friend requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No friend requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupMenu</name>
    <message>
        <source>Add friend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlinesDialog</name>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notices yet. News and announcements that services send appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Jid</name>
    <message>
        <source>the %1 contains an unpaired UTF-16 surrogate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 is longer than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>localpart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the localpart contains a forbidden character &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the localpart contains a control or invisible character (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resourcepart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the resourcepart contains a control character (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid IPv6 address in brackets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a label of the domainpart is longer than 63 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart contains a forbidden character &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>domainpart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart contains an empty label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart contains a forbidden character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart contains a control character (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid domain name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domainpart contains an invalid A-label &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the localpart before &apos;@&apos; is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the resourcepart after &apos;/&apos; is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the localpart contains a space</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <source>This is not an e-mail address, e.g. name@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number has digits, spaces, -, ( ) and an optional leading +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web address starts with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkConfirmDialog</name>
    <message>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this link in your browser?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link may show one address and lead to another. This is where it goes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This domain mixes alphabets or uses letters that look like others; it may imitate another site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always open links to %1 without asking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginBanner</name>
    <message>
        <source>Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open instant messaging on XMPP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Remember password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin: sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address, e.g. alice@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your whole address, e.g. alice@%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save it in the profile folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the password in this computer&apos;s keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer; save the password in the profile folder, readable only by you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in %1, readable only by you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your contacts will appear here once you are signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts you add will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friend requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit my profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide offline contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When I&apos;m idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>After %n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show me as away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show me as extended away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending: not yet confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent: the server has it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent. Click the red mark to send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1. Click the red mark to send it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordController</name>
    <message>
        <source>No keychain is available on this computer, so your saved password stays in %1, readable only by you. Untick &quot;Remember password&quot; when you next sign in to remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved password is no longer in this computer&apos;s keychain. Enter it to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved password could not be read from this computer&apos;s keychain (%1). Enter it to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not remembered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not remembered: no keychain is available on this computer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved password could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved password could not be removed from this computer&apos;s keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordStore</name>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved photo cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large (at most %2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a picture Xin can read (PNG, JPEG, GIF, WebP, BMP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large: %2x%3 pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileHeader</name>
    <message>
        <source>Share what&apos;s on your mind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your status message: everyone on your contact list sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit my profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>Add friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile details shared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilesController</name>
    <message>
        <source>you are offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterManager</name>
    <message>
        <source>My Friends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerSettingsWidget</name>
    <message>
        <source>Direct TLS (encrypted from the first byte)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s host name or IP address, if it cannot be found from your address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No encryption (this computer only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XEP-0368: use TLS from the first byte instead of STARTTLS; usually port 5223</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535; leave it empty for the usual one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server on this computer (localhost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the server offers no encryption at all, your password and messages travel unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is encrypted; this is only allowed on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra trusted CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System certificates only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt if the server can (this computer only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpoofWarning</name>
    <message>
        <source>This address contains invisible characters; it may imitate another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address mixes alphabets; it may imitate another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address uses letters that look like others; it may imitate another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look-alike address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusChoices</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusSelector</name>
    <message>
        <source>Change your status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreamParser</name>
    <message>
        <source>the stream is not valid UTF-8 (RFC 6120 §11.6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an element has more than %1 attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream header is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an element is larger than the limit of %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream references the entity &apos;&amp;%1;&apos; (RFC 6120 §11.1: only the predefined entities are allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream is not well-formed XML: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream contains a document type declaration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream references the entity &apos;&amp;%1;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream contains an XML comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream contains a processing instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream declares the encoding &apos;%1&apos;, not UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream root is {%1}%2, not {%3}stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream header declares too many namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>elements are nested more than %1 deep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 namespace declarations are in scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream has &quot;]]&gt;&quot; in character data (XML 1.0 §2.4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Quit Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Xin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VCardEditor</name>
    <message>
        <source>Edit my profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What friends see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+86 138 0013 8000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province / state:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit my profile — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XmppClient</name>
    <message>
        <source>no account address (JID) is configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encryption can be turned off only for a server on this computer (loopback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection (TLS) could not be established: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection during the TLS handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to the server was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused to start encryption (STARTTLS failure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not offer encryption (STARTTLS); signing in without it is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server offers no resource binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server offers no way to sign in (no SASL mechanisms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot sign in safely: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot sign in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected SASL element from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s authentication challenge is invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server could not prove its identity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected SASL element &lt;%1/&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused to bind a resource (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server bound an unexpected address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not start the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not complete the sign-in in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent XML that is not allowed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server found for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encryption can be optional only for a server on this computer (loopback); %1 needs security &quot;required&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server now offers only %1, weaker than %2 used before; someone may be tampering with the connection. Sign in anyway only if the server&apos;s operator changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server broke stream management: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server resumed a session that is not ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server claims to have handled more messages than were sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keep all settings and data in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin, an XMPP instant messenger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin is already running with this profile:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a chat with this address, e.g. xmpp:bob@example.org?message (RFC 5122).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xin-cli</name>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give only one of --password-file and --password-env</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no PEM certificate could be read from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--security must be required, ifpossible or disabled, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no command given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--jid is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid --jid %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password is required: use --password-file F or --password-env VAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the change for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--show must be chat, away, xa or dnd, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid address %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a bare address (no /resource)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>present as %1; contacts&apos; presences follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not confirm %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection ended before the server confirmed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown vCard field %1; the fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bday must be a date like 1990-12-31, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the photo %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use %1 as a photo: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot get the vCard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read your vCard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the vCard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the photo was not published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no avatar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no avatar from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot look for a directory on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 offers no user directory (XEP-0055); name one with --service JID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gave no search form: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot search by %2; it takes: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search on %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not take the message: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignored a forged carbon from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps no message archive (XEP-0313)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive refused the query: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no delivery receipt from %1 within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sasl-pin must be one of %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session could not be resumed; a new one sends the %1 unacknowledged messages again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected again; the session was resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1 was refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 messages were not confirmed by the recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 messages were not confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: xin-cli [--jid JID] [--password-file F | --password-env VAR] [--host H] [--port P]
               [--direct-tls] [--ca-file PEM] [--resource R]
               [--security required|ifpossible|disabled] [--timeout SEC]
               [--sasl-pin MECHANISM [--accept-weaker-sasl]] COMMAND ...
  --security ifpossible and disabled work only for a server on this computer (loopback);
  --sasl-pin refuses a SASL mechanism weaker than MECHANISM (exit 4) unless --accept-weaker-sasl
commands:
  check                                 sign in and print the bound address
  send JID TEXT [--receipt]             send a chat message; exit once the server has it, or
                                        with --receipt once the recipient confirmed it (XEP-0184)
  send JID --stdin [--outbox FILE] [--receipt]
                                        one message per line of standard input, over one session
                                        resumed across drops; exit 0 once the server acknowledged
                                        every line (XEP-0198; a server without it: once written),
                                        with --receipt once the recipient confirmed each; else 5
                                        with the count. --timeout bounds the wait after the end
                                        of input. --outbox FILE (SQLite) keeps each line until
                                        confirmed; a later run sends what is left there first
  listen [--count N] [--seconds S]      print received messages (carbons of your other devices
                                        too), receipts, chat states, presences and friend
                                        requests as JSON lines
  history JID [--limit N] [--search TEXT]
                                        print the newest N messages with JID from the server&apos;s
                                        archive (XEP-0313), oldest first, as JSON lines
  roster                                print the contact list as JSON lines
  add JID [--group G] [--greeting T]    send a friend request
  accept JID [--group G]                accept a friend request (and ask back)
  refuse JID                            refuse a friend request
  remove JID                            remove a friend, both ways
  block JID / unblock JID               block or unblock an address (XEP-0191)
  presence [--show away|xa|dnd|chat] [--status TEXT]
                                        set your presence, print contacts&apos; presences for 3 s
  search [--service JID] FIELD=VALUE... search the user directory (XEP-0055), e.g. nick=xiaoming;
                                        prints the people found as JSON lines
  vcard get [JID]                       print a vCard (yours without JID) as one JSON object
  vcard set FIELD=VALUE... [--photo FILE]
                                        change your vCard; fields: fn nick given family email tel
                                        bday org title url desc (an empty value clears one)
  avatar get JID --out FILE             save someone&apos;s avatar (verified) to FILE
exit codes: 0 ok, 1 other error, 2 usage, 3 network/TLS, 4 authentication, 5 timeout
            (or, for send, not confirmed)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--outbox works only with --stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the outbox %1 is in use by another xin-cli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the outbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
