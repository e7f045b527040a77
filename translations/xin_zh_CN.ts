<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountStore</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the key &quot;jid&quot; is missing.</source>
        <translation>缺少“jid”项。</translation>
    </message>
    <message>
        <source>jid &quot;%1&quot; is not a valid address: %2</source>
        <translation>jid“%1”不是有效的地址：%2</translation>
    </message>
    <message>
        <source>resource &quot;%1&quot; is not a valid resource.</source>
        <translation>resource“%1”不是有效的资源名。</translation>
    </message>
    <message>
        <source>port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>port 必须是 1 到 65535 之间的数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>security must be required, ifpossible or disabled, not &quot;%1&quot;.</source>
        <translation>security 必须是 required、ifpossible 或 disabled，而不是“%1”。</translation>
    </message>
    <message>
        <source>%1 must be true or false, not &quot;%2&quot;.</source>
        <translation>%1 必须是 true 或 false，而不是“%2”。</translation>
    </message>
    <message>
        <source>caFile &quot;%1&quot; holds no PEM certificate or cannot be read.</source>
        <translation>caFile“%1”中没有 PEM 证书，或者无法读取。</translation>
    </message>
    <message>
        <source>There is no account to save.</source>
        <translation>没有可保存的账号。</translation>
    </message>
    <message>
        <source>%1 cannot be written.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be made private to you.</source>
        <translation>无法把 %1 设为仅你可读写。</translation>
    </message>
    <message>
        <source>security=%1 is allowed only for a server on this computer, not %2; use security=required.</source>
        <translation>security=%1 只允许用于本机上的服务器，不能用于 %2；请使用 security=required。</translation>
    </message>
</context>
<context>
    <name>AddFriendDialog</name>
    <message>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <source>Add by account</source>
        <translation>按账号添加</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>发送请求</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Greeting:</source>
        <translation>验证消息：</translation>
    </message>
    <message>
        <source>Hi, I&apos;d like to add you as a friend.</source>
        <translation>你好，我想加你为好友。</translation>
    </message>
    <message>
        <source>Hi, I&apos;m %1</source>
        <translation>你好，我是%1</translation>
    </message>
    <message>
        <source>This is not a valid account: %1</source>
        <translation>这不是有效的账号：%1</translation>
    </message>
    <message>
        <source>Enter a full account such as name@example.com.</source>
        <translation>请输入完整的账号，例如 name@example.com。</translation>
    </message>
    <message>
        <source>You cannot add yourself.</source>
        <translation>不能添加自己为好友。</translation>
    </message>
    <message>
        <source>Find people</source>
        <translation>查找用户</translation>
    </message>
    <message>
        <source>Nickname, name or e-mail</source>
        <translation>昵称、姓名或邮箱</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Find people on your server&apos;s directory by their nickname, name or e-mail.</source>
        <translation>按昵称、姓名或邮箱在服务器的用户目录中查找。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你自己</translation>
    </message>
    <message>
        <source>Already a friend</source>
        <translation>已是好友</translation>
    </message>
    <message>
        <source>No one found. Check the spelling, or add them by account.</source>
        <translation>没有找到。请检查拼写，或按账号添加。</translation>
    </message>
    <message numerus="yes">
        <source>%n people found. Pick one to send a friend request.</source>
        <translation>
            <numerusform>找到 %n 人。选择一人发送好友请求。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is already your friend.</source>
        <translation>%1 已经是你的好友。</translation>
    </message>
</context>
<context>
    <name>BirthdayField</name>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>The birthday cannot be in the future.</source>
        <translation>生日不能晚于今天。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Some messages that came while you were offline may be missing: the server&apos;s message archive could not be read completely.</source>
        <translation>离线期间收到的部分消息可能缺失：无法完整读取服务器的消息存档。</translation>
    </message>
    <message>
        <source>History may be incomplete</source>
        <translation>聊天记录可能不完整</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>View profile</source>
        <translation>查看资料</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>正在输入…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>ChatSearchPanel</name>
    <message>
        <source>Search this chat</source>
        <translation>搜索本聊天</translation>
    </message>
    <message>
        <source>Chat history</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>找到 %n 条消息</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatTime</name>
    <message>
        <source>Yesterday %1</source>
        <comment>time row in a chat; %1 is the time</comment>
        <translation>昨天 %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>time row in a chat: weekday, time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>time row in a chat: date, time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Pick a conversation on the left to start chatting</source>
        <translation>在左侧选择一个会话开始聊天</translation>
    </message>
    <message>
        <source>%1 – Xin</source>
        <comment>chat window title; %1 is the contact&apos;s name</comment>
        <translation>%1 – 信</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
</context>
<context>
    <name>ClientErrors</name>
    <message>
        <source>%1 (the server says: “%2”)</source>
        <translation>%1（服务器说：“%2”）</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid for %1 (it is for %2)</source>
        <translation>服务器证书对 %1 无效（该证书属于 %2）</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>无名称</translation>
    </message>
    <message>
        <source>the server&apos;s certificate expired on %1</source>
        <translation>服务器证书已于 %1 过期</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not valid before %1</source>
        <translation>服务器证书在 %1 之前无效</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not issued by an authority this computer trusts</source>
        <translation>服务器证书不是由本机信任的机构签发的</translation>
    </message>
    <message>
        <source>the server&apos;s certificate has been revoked</source>
        <translation>服务器证书已被吊销</translation>
    </message>
    <message>
        <source>the server&apos;s certificate could not be verified</source>
        <translation>无法验证服务器证书</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>this account has been disabled</source>
        <translation>此账号已被停用</translation>
    </message>
    <message>
        <source>the password has expired</source>
        <translation>密码已过期</translation>
    </message>
    <message>
        <source>the server requires encryption for this way of signing in</source>
        <translation>服务器要求此登录方式必须加密</translation>
    </message>
    <message>
        <source>the server does not accept this way of signing in</source>
        <translation>服务器不接受此登录方式</translation>
    </message>
    <message>
        <source>the server could not check the password just now; try again later</source>
        <translation>服务器暂时无法验证密码，请稍后再试</translation>
    </message>
    <message>
        <source>signing in was aborted</source>
        <translation>登录已中止</translation>
    </message>
    <message>
        <source>signing in failed (%1)</source>
        <translation>登录失败（%1）</translation>
    </message>
    <message>
        <source>you signed in from another place with the same device name, which replaced this one</source>
        <translation>你在别处用相同的设备名登录，取代了这次登录</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>服务器正在关闭</translation>
    </message>
    <message>
        <source>the server does not serve this domain</source>
        <translation>服务器不为此域名提供服务</translation>
    </message>
    <message>
        <source>the server ended the session: not authorised</source>
        <translation>服务器结束了会话：未获授权</translation>
    </message>
    <message>
        <source>the server ended the session because of its policy (for example too much traffic)</source>
        <translation>服务器因其策略结束了会话（例如流量过大）</translation>
    </message>
    <message>
        <source>the server closed an idle connection</source>
        <translation>服务器关闭了空闲的连接</translation>
    </message>
    <message>
        <source>the server asked to connect to another host, which Xin does not do automatically</source>
        <translation>服务器要求改连另一台主机，信不会自动这样做</translation>
    </message>
    <message>
        <source>the server ended the session (%1)</source>
        <translation>服务器结束了会话（%1）</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>没有及时回应</translation>
    </message>
    <message>
        <source>the connection ended before the answer came</source>
        <translation>收到回应前连接已断开</translation>
    </message>
    <message>
        <source>the service does not offer this</source>
        <translation>该服务不提供此功能</translation>
    </message>
    <message>
        <source>no such service or user</source>
        <translation>没有这个服务或用户</translation>
    </message>
    <message>
        <source>the server does not allow this</source>
        <translation>服务器不允许此操作</translation>
    </message>
    <message>
        <source>the server did not accept the request</source>
        <translation>服务器没有接受该请求</translation>
    </message>
    <message>
        <source>the server could not do this just now; try again later</source>
        <translation>服务器暂时无法完成，请稍后再试</translation>
    </message>
    <message>
        <source>the request failed</source>
        <translation>请求失败</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a message</source>
        <translation>输入消息</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>表情</translation>
    </message>
    <message>
        <source>Search this chat&apos;s history</source>
        <translation>搜索本聊天的记录</translation>
    </message>
    <message>
        <source>Editing message</source>
        <translation>正在编辑消息</translation>
    </message>
    <message>
        <source>Cancel editing (Esc)</source>
        <translation>取消编辑（Esc）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>How to send</source>
        <translation>发送方式</translation>
    </message>
    <message>
        <source>Press Enter to send</source>
        <translation>按 Enter 键发送消息</translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to send</source>
        <translation>按 Ctrl+Enter 键发送消息</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>You are offline.</source>
        <translation>你已离线。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n second(s).</source>
        <translation>
            <numerusform>%n 秒后重新连接。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting at %1.</source>
        <translation>将于 %1 重新连接。</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>立即重连</translation>
    </message>
    <message>
        <source>Waiting for the network to come back.</source>
        <translation>正在等待网络恢复。</translation>
    </message>
    <message numerus="yes">
        <source>Catching up on messages: %n so far…</source>
        <translation>
            <numerusform>正在同步消息：已收到 %n 条…</numerusform>
        </translation>
    </message>
    <message>
        <source>Catching up on messages: %1 of %2…</source>
        <translation>正在同步消息：%1/%2…</translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation>已是最新。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row; Chinese needs no space</comment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>ConnectionText</name>
    <message>
        <source>%1.</source>
        <comment>ends a sentence; use the language&apos;s full stop</comment>
        <translation>%1。</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Looking up the server…</source>
        <translation>正在查找服务器…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Checking the server&apos;s certificate…</source>
        <translation>正在验证服务器证书…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Setting up the session…</source>
        <translation>正在建立会话…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>The server for %1 cannot be found. Check the address, or enter the server&apos;s host name under Advanced.</source>
        <translation>找不到 %1 的服务器。请检查账号地址，或在“高级设置”中填写服务器的主机名。</translation>
    </message>
    <message>
        <source>The server for %1 refused the connection. It may be down, or the port may be wrong.</source>
        <translation>%1 的服务器拒绝了连接。服务器可能没有运行，或者端口有误。</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your network connection.</source>
        <translation>服务器没有及时响应。请检查网络连接。</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <source>The server does not offer an encrypted connection, so your password was not sent.</source>
        <translation>服务器不提供加密连接，所以没有发送你的密码。</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be set up.</source>
        <translation>无法与服务器建立安全连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid for %1.</source>
        <translation>服务器证书对 %1 无效。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid for %1: %2</source>
        <translation>服务器证书对 %1 无效：%2</translation>
    </message>
    <message>
        <source>The server offers no sign-in method that keeps your password safe.</source>
        <translation>服务器没有提供能保护密码安全的登录方式。</translation>
    </message>
    <message>
        <source>Wrong password, or no such account.</source>
        <translation>密码错误，或者账号不存在。</translation>
    </message>
    <message>
        <source>This account has been disabled by the server&apos;s administrator.</source>
        <translation>此账号已被服务器管理员停用。</translation>
    </message>
    <message>
        <source>The server did not let this device sign in.</source>
        <translation>服务器不允许此设备登录。</translation>
    </message>
    <message>
        <source>You signed in from another place, so this session was closed.</source>
        <translation>你的账号在别处登录，本次会话已关闭。</translation>
    </message>
    <message>
        <source>The server sent data that is refused for safety reasons.</source>
        <translation>服务器发来的数据出于安全原因被拒绝。</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>服务器关闭了连接。</translation>
    </message>
    <message>
        <source>The server did not follow the XMPP protocol.</source>
        <translation>服务器没有遵循 XMPP 协议。</translation>
    </message>
    <message>
        <source>These settings cannot work.</source>
        <translation>这些设置无法使用。</translation>
    </message>
    <message>
        <source>The server now offers only a weaker sign-in method than before; someone may be tampering with the connection.</source>
        <translation>服务器现在只提供比以前更弱的登录方式；可能有人在篡改连接。</translation>
    </message>
    <message>
        <source>Resuming the session…</source>
        <translation>正在恢复会话…</translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation>Q我吧</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation>长时间离开</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>请勿打扰</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>[Waiting for approval]</source>
        <translation>[等待验证]</translation>
    </message>
    <message>
        <source>[%1]</source>
        <comment>presence in brackets before the status message; Chinese uses full-width 【】 or []</comment>
        <translation>[%1]</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>刚刚在线</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation>
            <numerusform>%n 分钟前在线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last seen %n h ago</source>
        <translation>
            <numerusform>%n 小时前在线</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen yesterday</source>
        <translation>昨天在线</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n days ago</source>
        <translation>
            <numerusform>%n 天前在线</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>%1 在线</translation>
    </message>
</context>
<context>
    <name>ContactListView</name>
    <message>
        <source>Set remark</source>
        <translation>修改备注</translation>
    </message>
    <message>
        <source>Remark for %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>添加分组</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>分组名称：</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>重命名分组</translation>
    </message>
    <message>
        <source>New name for the group:</source>
        <translation>分组的新名称：</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>删除好友</translation>
    </message>
    <message>
        <source>Remove %1 from your contacts?</source>
        <translation>确定要删除好友 %1 吗？</translation>
    </message>
    <message>
        <source>Delete the group &quot;%1&quot;?</source>
        <translation>删除分组“%1”？</translation>
    </message>
    <message>
        <source>What should happen to the contacts in it?</source>
        <translation>分组里的联系人如何处理？</translation>
    </message>
    <message>
        <source>Move them to &quot;%1&quot;</source>
        <translation>移到“%1”</translation>
    </message>
    <message>
        <source>Remove them from my contacts</source>
        <translation>从我的联系人中删除</translation>
    </message>
</context>
<context>
    <name>ContactMenu</name>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>View profile</source>
        <translation>查看资料</translation>
    </message>
    <message>
        <source>Set remark…</source>
        <translation>修改备注…</translation>
    </message>
    <message>
        <source>Move to group</source>
        <translation>移动联系人至</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>删除好友</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>加入黑名单</translation>
    </message>
</context>
<context>
    <name>ContactsController</name>
    <message>
        <source>Friend request</source>
        <translation>好友请求</translation>
    </message>
    <message>
        <source>%1 wants to add you as a friend.</source>
        <translation>%1 请求添加你为好友。</translation>
    </message>
    <message>
        <source>Friend requests</source>
        <translation>好友请求</translation>
    </message>
    <message numerus="yes">
        <source>%n more friend request(s) arrived.</source>
        <translation>
            <numerusform>另有 %n 条好友请求。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>typing…</source>
        <translation>正在输入…</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
</context>
<context>
    <name>DescriptionField</name>
    <message>
        <source>A few words about yourself</source>
        <translation>介绍一下自己</translation>
    </message>
    <message numerus="yes">
        <source>&quot;About me&quot; is too long: at most %n characters.</source>
        <translation>
            <numerusform>“个人说明”太长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DirectorySearch</name>
    <message>
        <source>Cannot look for a directory on your server: %1</source>
        <translation>无法在你的服务器上查找用户目录：%1</translation>
    </message>
    <message>
        <source>Your server offers no user directory. Add friends by their account instead.</source>
        <translation>你的服务器没有用户目录。请按账号添加好友。</translation>
    </message>
    <message>
        <source>The directory %1 did not answer: %2</source>
        <translation>用户目录 %1 没有回应：%2</translation>
    </message>
    <message>
        <source>The directory %1 cannot search by name, nickname or e-mail.</source>
        <translation>用户目录 %1 不能按姓名、昵称或邮箱搜索。</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>DowngradeQuestion</name>
    <message>
        <source>Xin: sign-in method</source>
        <translation>信 - 登录方式</translation>
    </message>
    <message>
        <source>Sign in with a weaker method?</source>
        <translation>要用较弱的方式登录吗？</translation>
    </message>
    <message>
        <source>The server now offers only %1, weaker than %2 this account used before. This can mean someone is tampering with your connection.</source>
        <translation>服务器现在只提供 %1，比此账号以前使用的 %2 弱。这可能意味着有人在篡改你的连接。</translation>
    </message>
    <message>
        <source>The server&apos;s administrator changed this: don&apos;t ask again</source>
        <translation>这是服务器管理员更改的：不再询问</translation>
    </message>
    <message>
        <source>Sign in this time</source>
        <translation>仅本次登录</translation>
    </message>
    <message>
        <source>Don&apos;t sign in</source>
        <translation>不登录</translation>
    </message>
</context>
<context>
    <name>FriendRequestRow</name>
    <message>
        <source>Wants to add you as a friend.</source>
        <translation>请求添加你为好友。</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>等待对方验证</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Remark (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FriendRequestsDialog</name>
    <message>
        <source>Friend requests</source>
        <translation>好友通知</translation>
    </message>
    <message>
        <source>No friend requests</source>
        <translation>暂无好友请求</translation>
    </message>
    <message>
        <source>New requests</source>
        <translation>新的请求</translation>
    </message>
    <message>
        <source>Sent requests</source>
        <translation>已发送的请求</translation>
    </message>
</context>
<context>
    <name>GroupMenu</name>
    <message>
        <source>Add friend…</source>
        <translation>添加好友…</translation>
    </message>
    <message>
        <source>Add group…</source>
        <translation>添加分组…</translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation>重命名分组…</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除分组</translation>
    </message>
</context>
<context>
    <name>HeadlinesDialog</name>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>No notices yet. News and announcements that services send appear here.</source>
        <translation>还没有通知。服务发来的新闻和公告会显示在这里。</translation>
    </message>
</context>
<context>
    <name>Jid</name>
    <message>
        <source>the %1 contains an unpaired UTF-16 surrogate</source>
        <translation>%1包含不成对的 UTF-16 代理项</translation>
    </message>
    <message>
        <source>the %1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message>
        <source>the %1 is longer than %2 bytes</source>
        <translation>%1超过 %2 字节</translation>
    </message>
    <message>
        <source>localpart</source>
        <translation>用户名部分</translation>
    </message>
    <message>
        <source>the localpart contains a forbidden character &apos;%1&apos;</source>
        <translation>用户名部分包含不允许的字符“%1”</translation>
    </message>
    <message>
        <source>the localpart contains a control or invisible character (%1)</source>
        <translation>用户名部分包含控制字符或不可见字符（%1）</translation>
    </message>
    <message>
        <source>resourcepart</source>
        <translation>资源部分</translation>
    </message>
    <message>
        <source>the resourcepart contains a control character (%1)</source>
        <translation>资源部分包含控制字符（%1）</translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid IPv6 address in brackets</source>
        <translation>域名部分 %1 不是有效的方括号 IPv6 地址</translation>
    </message>
    <message>
        <source>a label of the domainpart is longer than 63 bytes</source>
        <translation>域名部分中有一段超过 63 字节</translation>
    </message>
    <message>
        <source>the domainpart contains a forbidden character &apos;%1&apos;</source>
        <translation>域名部分包含不允许的字符“%1”</translation>
    </message>
    <message>
        <source>domainpart</source>
        <translation>域名部分</translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid IPv4 address</source>
        <translation>域名部分 %1 不是有效的 IPv4 地址</translation>
    </message>
    <message>
        <source>the domainpart contains an empty label</source>
        <translation>域名部分包含空的一段</translation>
    </message>
    <message>
        <source>the domainpart contains a forbidden character %1</source>
        <translation>域名部分包含不允许的字符 %1</translation>
    </message>
    <message>
        <source>the domainpart contains a control character (%1)</source>
        <translation>域名部分包含控制字符（%1）</translation>
    </message>
    <message>
        <source>the domainpart %1 is not a valid domain name</source>
        <translation>域名部分 %1 不是有效的域名</translation>
    </message>
    <message>
        <source>the domainpart contains an invalid A-label &apos;%1&apos;</source>
        <translation>域名部分包含无效的 A 标签“%1”</translation>
    </message>
    <message>
        <source>the address is empty</source>
        <translation>地址为空</translation>
    </message>
    <message>
        <source>the localpart before &apos;@&apos; is empty</source>
        <translation>“@”前面的用户名部分为空</translation>
    </message>
    <message>
        <source>the resourcepart after &apos;/&apos; is empty</source>
        <translation>“/”后面的资源部分为空</translation>
    </message>
    <message>
        <source>the localpart contains a space</source>
        <translation>用户名部分包含空格</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <source>This is not an e-mail address, e.g. name@example.com.</source>
        <translation>这不是邮箱地址，例如 name@example.com。</translation>
    </message>
    <message>
        <source>A phone number has digits, spaces, -, ( ) and an optional leading +.</source>
        <translation>电话号码由数字、空格、-、( ) 组成，可以 + 开头。</translation>
    </message>
    <message>
        <source>A web address starts with http:// or https://.</source>
        <translation>网址以 http:// 或 https:// 开头。</translation>
    </message>
</context>
<context>
    <name>LinkConfirmDialog</name>
    <message>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <source>Open this link in your browser?</source>
        <translation>要在浏览器中打开这个链接吗？</translation>
    </message>
    <message>
        <source>A link may show one address and lead to another. This is where it goes:</source>
        <translation>链接显示的地址可能与实际去向不同。它实际指向：</translation>
    </message>
    <message>
        <source>This domain mixes alphabets or uses letters that look like others; it may imitate another site.</source>
        <translation>这个域名混用了不同文字的字母，或含有形似其他字母的字符，可能在冒充别的网站。</translation>
    </message>
    <message>
        <source>Always open links to %1 without asking</source>
        <translation>以后打开 %1 的链接不再询问</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LoginBanner</name>
    <message>
        <source>Xin</source>
        <translation>信</translation>
    </message>
    <message>
        <source>Open instant messaging on XMPP</source>
        <translation>基于 XMPP 的开放即时通讯</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Remember password</source>
        <translation>记住密码</translation>
    </message>
    <message>
        <source>Sign in automatically</source>
        <translation>自动登录</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Xin: sign in</source>
        <translation>信 - 登录</translation>
    </message>
    <message>
        <source>Address, e.g. alice@example.org</source>
        <translation>账号，例如 alice@example.org</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>这不是有效的账号地址。</translation>
    </message>
    <message>
        <source>Not a valid address: %1</source>
        <translation>账号地址无效：%1</translation>
    </message>
    <message>
        <source>Enter your whole address, e.g. alice@%1.</source>
        <translation>请输入完整的账号地址，例如 alice@%1。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save it in the profile folder</source>
        <translation>保存在配置文件夹中</translation>
    </message>
    <message>
        <source>Keeps the password in this computer&apos;s keychain</source>
        <translation>把密码保存在这台电脑的钥匙串中</translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keychain.</source>
        <translation>密码保存在这台电脑的钥匙串中。</translation>
    </message>
    <message>
        <source>No keychain is available on this computer; save the password in the profile folder, readable only by you?</source>
        <translation>这台电脑上没有可用的钥匙串；要把密码保存在配置文件夹中（只有你能读取）吗？</translation>
    </message>
    <message>
        <source>The password is kept in %1, readable only by you.</source>
        <translation>密码保存在 %1 中，只有你能读取。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Xin</source>
        <translation>信</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>搜索联系人</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>还没有联系人</translation>
    </message>
    <message>
        <source>Your contacts will appear here once you are signed in.</source>
        <translation>登录后，你的联系人会显示在这里。</translation>
    </message>
    <message>
        <source>Main menu</source>
        <translation>主菜单</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit Xin</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Contacts you add will appear here.</source>
        <translation>你添加的联系人会显示在这里。</translation>
    </message>
    <message>
        <source>Add friend</source>
        <translation>添加好友</translation>
    </message>
    <message>
        <source>Friend requests</source>
        <translation>好友通知</translation>
    </message>
    <message>
        <source>Edit my profile…</source>
        <translation>编辑个人资料…</translation>
    </message>
    <message>
        <source>Hide offline contacts</source>
        <translation>隐藏离线联系人</translation>
    </message>
    <message>
        <source>When I&apos;m idle</source>
        <translation>空闲时</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message numerus="yes">
        <source>After %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <source>Show me as away</source>
        <translation>显示为离开</translation>
    </message>
    <message>
        <source>Show me as extended away</source>
        <translation>显示为长时间离开</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Notices…</source>
        <translation>通知…</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>Sending: not yet confirmed by the server</source>
        <translation>发送中：服务器尚未确认</translation>
    </message>
    <message>
        <source>Sent: the server has it</source>
        <translation>已发送：服务器已收到</translation>
    </message>
    <message>
        <source>Not sent. Click the red mark to send it again.</source>
        <translation>未发送。点击红色标记重新发送。</translation>
    </message>
    <message>
        <source>Not sent: %1. Click the red mark to send it again.</source>
        <translation>未发送：%1。点击红色标记重新发送。</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>New messages</source>
        <translation>新消息</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>复制链接地址</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
</context>
<context>
    <name>PasswordController</name>
    <message>
        <source>No keychain is available on this computer, so your saved password stays in %1, readable only by you. Untick &quot;Remember password&quot; when you next sign in to remove it.</source>
        <translation>这台电脑上没有可用的钥匙串，因此你保存的密码仍留在 %1 中，只有你能读取。下次登录时取消勾选“记住密码”即可删除它。</translation>
    </message>
    <message>
        <source>Your saved password is no longer in this computer&apos;s keychain. Enter it to sign in.</source>
        <translation>你保存的密码已不在这台电脑的钥匙串中。请输入密码登录。</translation>
    </message>
    <message>
        <source>Your saved password could not be read from this computer&apos;s keychain (%1). Enter it to sign in.</source>
        <translation>无法从这台电脑的钥匙串读取你保存的密码（%1）。请输入密码登录。</translation>
    </message>
    <message>
        <source>The password was not remembered: %1</source>
        <translation>密码未能记住：%1</translation>
    </message>
    <message>
        <source>The password was not remembered: no keychain is available on this computer (%1).</source>
        <translation>密码未能记住：这台电脑上没有可用的钥匙串（%1）。</translation>
    </message>
    <message>
        <source>The saved password could not be removed: %1</source>
        <translation>无法删除保存的密码：%1</translation>
    </message>
    <message>
        <source>The saved password could not be removed from this computer&apos;s keychain (%1).</source>
        <translation>无法从这台电脑的钥匙串中删除保存的密码（%1）。</translation>
    </message>
</context>
<context>
    <name>PasswordStore</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Change photo…</source>
        <translation>更换头像…</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择头像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>The saved photo cannot be shown: %1</source>
        <translation>无法显示已保存的头像：%1</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>%1 is too large (at most %2 MB).</source>
        <translation>%1 太大（最多 %2 MB）。</translation>
    </message>
    <message>
        <source>%1 is not a picture Xin can read (PNG, JPEG, GIF, WebP, BMP).</source>
        <translation>%1 不是信能读取的图片（PNG、JPEG、GIF、WebP、BMP）。</translation>
    </message>
    <message>
        <source>%1 is too large: %2x%3 pixels.</source>
        <translation>%1 太大：%2x%3 像素。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>ProfileHeader</name>
    <message>
        <source>Share what&apos;s on your mind</source>
        <translation>编辑个性签名</translation>
    </message>
    <message>
        <source>Your status message: everyone on your contact list sees it</source>
        <translation>个性签名：你的所有联系人都能看到</translation>
    </message>
    <message>
        <source>Edit my profile</source>
        <translation>编辑个人资料</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>Add friend</source>
        <translation>加为好友</translation>
    </message>
    <message>
        <source>Profile — %1</source>
        <translation>个人资料 — %1</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation>正在加载资料…</translation>
    </message>
    <message>
        <source>The profile could not be loaded: %1</source>
        <translation>无法加载资料：%1</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation>生日：</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Website:</source>
        <translation>网站：</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>职位：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>个人说明：</translation>
    </message>
    <message>
        <source>No profile details shared.</source>
        <translation>对方没有公开资料。</translation>
    </message>
</context>
<context>
    <name>ProfilesController</name>
    <message>
        <source>you are offline</source>
        <translation>你已离线</translation>
    </message>
</context>
<context>
    <name>RosterManager</name>
    <message>
        <source>My Friends</source>
        <translation>我的好友</translation>
    </message>
</context>
<context>
    <name>ServerSettingsWidget</name>
    <message>
        <source>Direct TLS (encrypted from the first byte)</source>
        <translation>直接 TLS（从第一个字节起加密）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The server&apos;s host name or IP address, if it cannot be found from your address</source>
        <translation>服务器的主机名或 IP 地址（无法根据账号地址找到服务器时填写）</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Encryption required</source>
        <translation>必须加密</translation>
    </message>
    <message>
        <source>No encryption (this computer only)</source>
        <translation>不加密（仅限本机）</translation>
    </message>
    <message>
        <source>XEP-0368: use TLS from the first byte instead of STARTTLS; usually port 5223</source>
        <translation>XEP-0368：从第一个字节起使用 TLS，而不是 STARTTLS；通常使用端口 5223</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Extra CA</source>
        <translation>额外 CA</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535; leave it empty for the usual one.</source>
        <translation>端口是 1 到 65535 之间的数字；留空则使用默认端口。</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>这个路径下没有文件。</translation>
    </message>
    <message>
        <source>This file holds no PEM certificate.</source>
        <translation>这个文件中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>Only for a server on this computer (localhost)</source>
        <translation>仅适用于本机上的服务器（localhost）</translation>
    </message>
    <message>
        <source>If the server offers no encryption at all, your password and messages travel unencrypted.</source>
        <translation>如果服务器完全不提供加密，你的密码和消息将以明文传输。</translation>
    </message>
    <message>
        <source>Nothing is encrypted; this is only allowed on this computer.</source>
        <translation>所有内容都不加密；只允许用于本机。</translation>
    </message>
    <message>
        <source>Extra trusted CA certificates</source>
        <translation>额外信任的 CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>System certificates only</source>
        <translation>只用系统证书</translation>
    </message>
    <message>
        <source>Encrypt if the server can (this computer only)</source>
        <translation>服务器支持时加密（仅限本机）</translation>
    </message>
</context>
<context>
    <name>SpoofWarning</name>
    <message>
        <source>This address contains invisible characters; it may imitate another.</source>
        <translation>这个地址含有不可见字符，可能在冒充别人的地址。</translation>
    </message>
    <message>
        <source>This address mixes alphabets; it may imitate another.</source>
        <translation>这个地址混用了不同文字的字母，可能在冒充别人的地址。</translation>
    </message>
    <message>
        <source>This address uses letters that look like others; it may imitate another.</source>
        <translation>这个地址含有形似其他字母的字符，可能在冒充别人的地址。</translation>
    </message>
    <message>
        <source>Look-alike address</source>
        <translation>疑似仿冒地址</translation>
    </message>
</context>
<context>
    <name>StatusChoices</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation>有空聊天</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation>长时间离开</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>请勿打扰</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>StatusSelector</name>
    <message>
        <source>Change your status</source>
        <translation>更改状态</translation>
    </message>
</context>
<context>
    <name>StreamParser</name>
    <message>
        <source>the stream is not valid UTF-8 (RFC 6120 §11.6)</source>
        <translation>数据流不是有效的 UTF-8（RFC 6120 §11.6）</translation>
    </message>
    <message>
        <source>an element has more than %1 attributes</source>
        <translation>某个元素的属性超过 %1 个</translation>
    </message>
    <message>
        <source>the stream header is larger than %1 bytes</source>
        <translation>数据流头部超过 %1 字节</translation>
    </message>
    <message>
        <source>an element is larger than the limit of %1 bytes</source>
        <translation>某个元素超过了 %1 字节的上限</translation>
    </message>
    <message>
        <source>the stream references the entity &apos;&amp;%1;&apos; (RFC 6120 §11.1: only the predefined entities are allowed)</source>
        <translation>数据流引用了实体“&amp;%1;”（RFC 6120 §11.1：只允许预定义的实体）</translation>
    </message>
    <message>
        <source>the stream is not well-formed XML: %1</source>
        <translation>数据流不是格式正确的 XML：%1</translation>
    </message>
    <message>
        <source>the stream contains a document type declaration</source>
        <translation>数据流包含文档类型声明</translation>
    </message>
    <message>
        <source>the stream references the entity &apos;&amp;%1;&apos;</source>
        <translation>数据流引用了实体“&amp;%1;”</translation>
    </message>
    <message>
        <source>the stream contains an XML comment</source>
        <translation>数据流包含 XML 注释</translation>
    </message>
    <message>
        <source>the stream contains a processing instruction</source>
        <translation>数据流包含处理指令</translation>
    </message>
    <message>
        <source>the stream declares the encoding &apos;%1&apos;, not UTF-8</source>
        <translation>数据流声明的编码是“%1”，而不是 UTF-8</translation>
    </message>
    <message>
        <source>the stream root is {%1}%2, not {%3}stream</source>
        <translation>数据流的根元素是 {%1}%2，而不是 {%3}stream</translation>
    </message>
    <message>
        <source>the stream header declares too many namespaces</source>
        <translation>数据流头部声明的命名空间过多</translation>
    </message>
    <message>
        <source>elements are nested more than %1 deep</source>
        <translation>元素嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>more than %1 namespace declarations are in scope</source>
        <translation>作用域内的命名空间声明超过 %1 个</translation>
    </message>
    <message>
        <source>the stream has &quot;]]&gt;&quot; in character data (XML 1.0 §2.4)</source>
        <translation>数据流的字符数据中含有“]]&gt;”（XML 1.0 §2.4）</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Quit Xin</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Xin: %1</source>
        <translation>信：%1</translation>
    </message>
    <message>
        <source>Xin: %1 (%2)</source>
        <translation>信：%1（%2）</translation>
    </message>
    <message>
        <source>Hide Xin</source>
        <translation>隐藏主面板</translation>
    </message>
    <message>
        <source>Show Xin</source>
        <translation>显示主面板</translation>
    </message>
</context>
<context>
    <name>VCardEditor</name>
    <message>
        <source>Edit my profile</source>
        <translation>编辑个人资料</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>What friends see</source>
        <translation>好友看到的名字</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Family name:</source>
        <translation>姓：</translation>
    </message>
    <message>
        <source>Given name:</source>
        <translation>名：</translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation>生日：</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>+86 138 0013 8000</source>
        <translation>+86 138 0013 8000</translation>
    </message>
    <message>
        <source>Website:</source>
        <translation>网站：</translation>
    </message>
    <message>
        <source>https://</source>
        <translation>https://</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>职位：</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>国家/地区：</translation>
    </message>
    <message>
        <source>Province / state:</source>
        <translation>省份：</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>城市：</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>街道：</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>邮政编码：</translation>
    </message>
    <message>
        <source>About me</source>
        <translation>个人说明</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Edit my profile — %1</source>
        <translation>编辑个人资料 — %1</translation>
    </message>
    <message>
        <source>Loading your profile…</source>
        <translation>正在加载你的资料…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Your profile was not saved: %1</source>
        <translation>资料没有保存：%1</translation>
    </message>
</context>
<context>
    <name>XmppClient</name>
    <message>
        <source>no account address (JID) is configured</source>
        <translation>没有设置账号地址（JID）</translation>
    </message>
    <message>
        <source>encryption can be turned off only for a server on this computer (loopback)</source>
        <translation>只有本机（环回地址）上的服务器才能关闭加密</translation>
    </message>
    <message>
        <source>the secure connection (TLS) could not be established: %1</source>
        <translation>无法建立安全连接（TLS）：%1</translation>
    </message>
    <message>
        <source>cannot reach %1 port %2: %3</source>
        <translation>无法连接到 %1 的端口 %2：%3</translation>
    </message>
    <message>
        <source>the server closed the connection during the TLS handshake</source>
        <translation>服务器在 TLS 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>connection error: %1</source>
        <translation>连接错误：%1</translation>
    </message>
    <message>
        <source>the connection to the server was lost</source>
        <translation>与服务器的连接已断开</translation>
    </message>
    <message>
        <source>the server refused to start encryption (STARTTLS failure)</source>
        <translation>服务器拒绝启动加密（STARTTLS 失败）</translation>
    </message>
    <message>
        <source>the server does not offer encryption (STARTTLS); signing in without it is not allowed</source>
        <translation>服务器不提供加密（STARTTLS）；不允许在没有加密的情况下登录</translation>
    </message>
    <message>
        <source>the server offers no resource binding</source>
        <translation>服务器不提供资源绑定</translation>
    </message>
    <message>
        <source>the server offers no way to sign in (no SASL mechanisms)</source>
        <translation>服务器没有提供任何登录方式（没有 SASL 机制）</translation>
    </message>
    <message>
        <source>cannot sign in safely: %1</source>
        <translation>无法安全登录：%1</translation>
    </message>
    <message>
        <source>cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <source>unexpected SASL element from the server</source>
        <translation>服务器发来了意外的 SASL 元素</translation>
    </message>
    <message>
        <source>the server&apos;s authentication challenge is invalid: %1</source>
        <translation>服务器的认证质询无效：%1</translation>
    </message>
    <message>
        <source>the server could not prove its identity: %1</source>
        <translation>服务器无法证明自己的身份：%1</translation>
    </message>
    <message>
        <source>unexpected SASL element &lt;%1/&gt;</source>
        <translation>意外的 SASL 元素 &lt;%1/&gt;</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>没有应答</translation>
    </message>
    <message>
        <source>the server refused to bind a resource (%1)</source>
        <translation>服务器拒绝绑定资源（%1）</translation>
    </message>
    <message>
        <source>the server bound an unexpected address: %1</source>
        <translation>服务器绑定了意外的地址：%1</translation>
    </message>
    <message>
        <source>the server did not start the session</source>
        <translation>服务器没有开始会话</translation>
    </message>
    <message>
        <source>the server stopped answering</source>
        <translation>服务器停止了响应</translation>
    </message>
    <message>
        <source>the server did not complete the sign-in in time</source>
        <translation>服务器没有及时完成登录</translation>
    </message>
    <message>
        <source>the server closed the stream</source>
        <translation>服务器关闭了数据流</translation>
    </message>
    <message>
        <source>the server sent XML that is not allowed (%1)</source>
        <translation>服务器发送了不允许的 XML（%1）</translation>
    </message>
    <message>
        <source>no server found for %1</source>
        <translation>找不到 %1 的服务器</translation>
    </message>
    <message>
        <source>encryption can be optional only for a server on this computer (loopback); %1 needs security &quot;required&quot;</source>
        <translation>只有本机（环回地址）上的服务器才能使用可选加密；%1 必须设为 security &quot;required&quot;</translation>
    </message>
    <message>
        <source>the server now offers only %1, weaker than %2 used before; someone may be tampering with the connection. Sign in anyway only if the server&apos;s operator changed it.</source>
        <translation>服务器现在只提供 %1，比以前使用的 %2 弱；可能有人在篡改连接。只有确认是服务器管理员更改了设置时才继续登录。</translation>
    </message>
    <message>
        <source>the server broke stream management: %1</source>
        <translation>服务器违反了流管理协议：%1</translation>
    </message>
    <message>
        <source>the server resumed a session that is not ours</source>
        <translation>服务器恢复了一个不属于我们的会话</translation>
    </message>
    <message>
        <source>the server claims to have handled more messages than were sent</source>
        <translation>服务器声称处理的消息比发送的还多</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keep all settings and data in &lt;dir&gt;.</source>
        <translation>把所有设置和数据保存在 &lt;目录&gt; 中。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the system&apos;s).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认跟随系统）。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Xin, an XMPP instant messenger.</source>
        <translation>信，一款 XMPP 即时通讯软件。</translation>
    </message>
    <message>
        <source>Xin</source>
        <translation>信</translation>
    </message>
    <message>
        <source>Xin is already running with this profile:
%1</source>
        <translation>信已经在使用这个配置目录运行：
%1</translation>
    </message>
    <message>
        <source>Open a chat with this address, e.g. xmpp:bob@example.org?message (RFC 5122).</source>
        <translation>打开与此地址的聊天，例如 xmpp:bob@example.org?message（RFC 5122）。</translation>
    </message>
</context>
<context>
    <name>xin-cli</name>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>选项 %1 需要一个值</translation>
    </message>
    <message>
        <source>give only one of --password-file and --password-env</source>
        <translation>--password-file 和 --password-env 只能指定一个</translation>
    </message>
    <message>
        <source>the environment variable %1 is not set</source>
        <translation>环境变量 %1 未设置</translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535, not %1</source>
        <translation>--port 必须是 1 到 65535 之间的数字，而不是 %1</translation>
    </message>
    <message>
        <source>no PEM certificate could be read from %1</source>
        <translation>无法从 %1 读取 PEM 证书</translation>
    </message>
    <message>
        <source>--security must be required, ifpossible or disabled, not %1</source>
        <translation>--security 必须是 required、ifpossible 或 disabled，而不是 %1</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds, not %1</source>
        <translation>--timeout 必须是正的秒数，而不是 %1</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>未知选项 %1</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>没有指定命令</translation>
    </message>
    <message>
        <source>--jid is required</source>
        <translation>必须指定 --jid</translation>
    </message>
    <message>
        <source>invalid --jid %1: %2</source>
        <translation>无效的 --jid %1：%2</translation>
    </message>
    <message>
        <source>it has no user name</source>
        <translation>其中没有用户名</translation>
    </message>
    <message>
        <source>a password is required: use --password-file F or --password-env VAR</source>
        <translation>需要密码：请使用 --password-file F 或 --password-env VAR</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>%1 秒后超时</translation>
    </message>
    <message>
        <source>%1 needs a positive number</source>
        <translation>%1 需要一个正数</translation>
    </message>
    <message>
        <source>unknown command %1</source>
        <translation>未知命令 %1</translation>
    </message>
    <message>
        <source>listening as %1</source>
        <translation>正在以 %1 的身份接收</translation>
    </message>
    <message>
        <source>the server refused the change for %1: %2</source>
        <translation>服务器拒绝了对 %1 的修改：%2</translation>
    </message>
    <message>
        <source>--show must be chat, away, xa or dnd, not %1</source>
        <translation>--show 只能是 chat、away、xa 或 dnd，而不是 %1</translation>
    </message>
    <message>
        <source>unknown option %1 for %2</source>
        <translation>%2 没有选项 %1</translation>
    </message>
    <message>
        <source>usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>invalid address %1: %2</source>
        <translation>无效的地址 %1：%2</translation>
    </message>
    <message>
        <source>%1 takes a bare address (no /resource)</source>
        <translation>%1 需要不带资源的地址（不能有 /资源）</translation>
    </message>
    <message>
        <source>the message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>没有应答</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>present as %1; contacts&apos; presences follow</source>
        <translation>以 %1 在线；以下是联系人的在线状态</translation>
    </message>
    <message>
        <source>the server did not confirm %1</source>
        <translation>服务器没有确认%1</translation>
    </message>
    <message>
        <source>the connection ended before the server confirmed %1</source>
        <translation>服务器确认%1之前连接已断开</translation>
    </message>
    <message>
        <source>unknown vCard field %1; the fields are: %2</source>
        <translation>未知的名片字段 %1；可用字段：%2</translation>
    </message>
    <message>
        <source>bday must be a date like 1990-12-31, not %1</source>
        <translation>bday 必须是 1990-12-31 这样的日期，而不是 %1</translation>
    </message>
    <message>
        <source>cannot read the photo %1: %2</source>
        <translation>无法读取头像 %1：%2</translation>
    </message>
    <message>
        <source>cannot use %1 as a photo: %2</source>
        <translation>不能用 %1 作头像：%2</translation>
    </message>
    <message>
        <source>cannot get the vCard: %1</source>
        <translation>无法获取名片：%1</translation>
    </message>
    <message>
        <source>cannot read your vCard: %1</source>
        <translation>无法读取你的名片：%1</translation>
    </message>
    <message>
        <source>the server refused the vCard: %1</source>
        <translation>服务器拒绝了名片：%1</translation>
    </message>
    <message>
        <source>the photo was not published: %1</source>
        <translation>头像没有发布：%1</translation>
    </message>
    <message>
        <source>%1 has no avatar</source>
        <translation>%1 没有头像</translation>
    </message>
    <message>
        <source>no avatar from %1: %2</source>
        <translation>没有得到 %1 的头像：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot look for a directory on %1: %2</source>
        <translation>无法在 %1 上查找用户目录：%2</translation>
    </message>
    <message>
        <source>%1 offers no user directory (XEP-0055); name one with --service JID</source>
        <translation>%1 没有用户目录（XEP-0055）；请用 --service JID 指定</translation>
    </message>
    <message>
        <source>%1 gave no search form: %2</source>
        <translation>%1 没有给出搜索表单：%2</translation>
    </message>
    <message>
        <source>%1 cannot search by %2; it takes: %3</source>
        <translation>%1 不能按 %2 搜索；可用字段：%3</translation>
    </message>
    <message>
        <source>the search on %1 failed: %2</source>
        <translation>在 %1 上搜索失败：%2</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>没有匹配结果</translation>
    </message>
    <message>
        <source>%1 could not take the message: %2</source>
        <translation>%1 无法接收这条消息：%2</translation>
    </message>
    <message>
        <source>ignored a forged carbon from %1</source>
        <translation>已忽略来自 %1 的伪造消息副本</translation>
    </message>
    <message>
        <source>%1 keeps no message archive (XEP-0313)</source>
        <translation>%1 没有消息存档（XEP-0313）</translation>
    </message>
    <message>
        <source>the archive refused the query: %1</source>
        <translation>存档拒绝了查询：%1</translation>
    </message>
    <message>
        <source>no messages</source>
        <translation>没有消息</translation>
    </message>
    <message>
        <source>no delivery receipt from %1 within %2 s</source>
        <translation>%2 秒内没有收到 %1 的送达回执</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000</source>
        <translation>--limit 需要 1 到 10000 之间的数字</translation>
    </message>
    <message>
        <source>--sasl-pin must be one of %1, not %2</source>
        <translation>--sasl-pin 必须是 %1 之一，不能是 %2</translation>
    </message>
    <message>
        <source>the session could not be resumed; a new one sends the %1 unacknowledged messages again</source>
        <translation>无法恢复会话；新会话将重新发送 %1 条未确认的消息</translation>
    </message>
    <message>
        <source>connected again; the session was resumed</source>
        <translation>已重新连接；会话已恢复</translation>
    </message>
    <message>
        <source>message %1 was refused: %2</source>
        <translation>消息 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>cannot read standard input: %1</source>
        <translation>无法读取标准输入：%1</translation>
    </message>
    <message>
        <source>%1 of %2 messages were not confirmed by the recipient</source>
        <translation>%2 条消息中有 %1 条未得到对方确认</translation>
    </message>
    <message>
        <source>%1 of %2 messages were not confirmed by the server</source>
        <translation>%2 条消息中有 %1 条未得到服务器确认</translation>
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
        <translation>用法：xin-cli [--jid JID] [--password-file F | --password-env VAR] [--host H] [--port P]
               [--direct-tls] [--ca-file PEM] [--resource R]
               [--security required|ifpossible|disabled] [--timeout SEC]
               [--sasl-pin MECHANISM [--accept-weaker-sasl]] COMMAND ...
  --security ifpossible 和 disabled 只能用于本机（环回地址）上的服务器；
  --sasl-pin 拒绝比 MECHANISM 弱的 SASL 登录方式（退出码 4），除非同时给出 --accept-weaker-sasl
命令：
  check                                 登录并显示绑定的地址
  send JID TEXT [--receipt]             发送聊天消息；服务器收到后退出，或带 --receipt 时
                                        在对方确认收到后退出（XEP-0184）
  send JID --stdin [--outbox FILE] [--receipt]
                                        把标准输入的每一行作为一条消息，在同一个会话中发送，
                                        断线后恢复会话；服务器确认（XEP-0198）每一行后退出码为 0
                                        （服务器不支持时：写出即算确认），带 --receipt 时须对方
                                        确认每一条；否则退出码为 5 并给出未确认的条数。--timeout
                                        限定输入结束后的等待时间。--outbox FILE（SQLite）保存每
                                        一行直到被确认；下次运行先发送其中剩下的消息
  listen [--count N] [--seconds S]      以 JSON 行显示收到的消息（包括你其他设备的消息副本）、
                                        回执、输入状态、在线状态和好友请求
  history JID [--limit N] [--search TEXT]
                                        从服务器存档（XEP-0313）以 JSON 行显示与 JID 的最近
                                        N 条消息，按时间先后排列
  roster                                以 JSON 行显示联系人列表
  add JID [--group G] [--greeting T]    发送好友请求
  accept JID [--group G]                接受好友请求（并回加对方）
  refuse JID                            拒绝好友请求
  remove JID                            双向删除好友
  block JID / unblock JID               屏蔽或取消屏蔽地址（XEP-0191）
  presence [--show away|xa|dnd|chat] [--status TEXT]
                                        设置在线状态，并显示联系人的状态 3 秒
  search [--service JID] FIELD=VALUE... 搜索用户目录（XEP-0055），例如 nick=xiaoming；
                                        以 JSON 行显示找到的人
  vcard get [JID]                       以一个 JSON 对象显示名片（不带 JID 时为自己的）
  vcard set FIELD=VALUE... [--photo FILE]
                                        修改自己的名片；字段：fn nick given family email tel
                                        bday org title url desc（值为空则清除该字段）
  avatar get JID --out FILE             将某人的头像（已校验）保存到 FILE
退出码：0 成功，1 其他错误，2 用法错误，3 网络/TLS，4 认证，5 超时
            （对 send 而言：或未被确认）
</translation>
    </message>
    <message>
        <source>--outbox works only with --stdin</source>
        <translation>--outbox 只能与 --stdin 一起使用</translation>
    </message>
    <message>
        <source>the outbox %1 is in use by another xin-cli</source>
        <translation>发件箱 %1 正被另一个 xin-cli 使用</translation>
    </message>
    <message>
        <source>cannot open the outbox %1: %2</source>
        <translation>无法打开发件箱 %1：%2</translation>
    </message>
</context>
</TS>
