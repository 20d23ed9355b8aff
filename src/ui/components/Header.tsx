import './Header.css';
import { BackendBadge } from './BackendBadge';

export function Header() {
  return (
    <header className="topbar">
      <div className="brand">
        <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
        <div>
          <h1>RecLab</h1>
          <p>Train and compare recommender models in your browser</p>
        </div>
      </div>
      <BackendBadge />
    </header>
  );
}
